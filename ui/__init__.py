"""The Streamlit front end's pieces; app.py wires them together."""

"""graph/: the property graph — schema, stores, build, presets, analytics."""

"""The README cannot drift from the code: schema, presets and commands it shows are the real ones."""

from __future__ import annotations

from graph import presets
from graph.schema import markdown_table

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_schema_table():
    assert markdown_table() in README


def test_readme_lists_every_preset():
    for name in presets.load_all():
        assert f"`{name}`" in README, name


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest" in README and ".venv/bin/python -m pytest" in ci


def test_readme_shows_every_setting():
    from graph.settings import markdown_table

    assert markdown_table() in README

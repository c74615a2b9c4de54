"""The data model. Researchers write Cypher against these names, and cypher/ depends on them.

Every node has a stable ``id`` property (Province, City and Technology use their name),
so presets never rely on engine-internal identities.
"""

from __future__ import annotations

NODES = {
    "Province": ["id", "name", "name_en"],
    "City": ["id", "name", "name_en"],
    "Plan": ["id", "title", "title_en", "jurisdiction", "province", "city", "issuer", "issued", "year",
             "period_start", "period_end", "doc_number", "source_file", "sha256", "kind",
             "projects", "leads", "supports", "indicators", "technologies", "tallied"],
    "Project": ["id", "plan", "kind", "number", "label", "title", "section", "text", "span_start", "span_end",
                "leads", "supporters"],
    "Agency": ["id", "name", "aliases", "type", "type_en", "family", "family_en", "name_en", "jurisdiction", "level",
               "collective", "led", "supported"],
    "Indicator": ["id", "plan", "name", "category", "unit", "baseline", "baseline_year", "target", "target_value",
                  "comparator", "target_year", "quote", "span_start", "span_end", "source", "target_base", "base_unit",
                  "normalised"],
    "Technology": ["id", "name", "name_en", "aliases", "category"],
    # Counts kept at load time for the national presets (graph/tallies.py); linked to nothing.
    "Tally": ["id", "kind", "province", "period", "type", "type_en", "family", "family_en", "collective", "led",
              "supported", "plans", "technology", "tasks", "agency_a", "agency_b", "scope"],
}

RELATIONSHIPS = {
    "ISSUED": ("Province / City", "Plan", []),
    "PART_OF": ("City", "Province", []),
    "INCLUDES": ("Plan", "Project", []),
    "BELONGS_TO": ("Agency", "Province / City", []),
    "LEADS": ("Agency", "Project", ["plan", "basis", "surface", "evidence", "span_start", "span_end"]),
    "SUPPORTS": ("Agency", "Project", ["plan", "basis", "surface", "evidence", "span_start", "span_end"]),
    "TARGETS": ("Project / Plan", "Indicator", []),
    "INVOLVES": ("Project", "Technology", []),
    "SUBTASK_OF": ("Project", "Project", []),
    "SUCCEEDED_BY": ("Agency", "Agency", ["year", "kind", "source"]),
}

# Looked up by these properties: exact-match indexes (and uniqueness on id where the backend has it).
INDEXED = {label: ["id"] for label in NODES} | {"Agency": ["id", "name", "type", "jurisdiction"], "Project": ["id", "plan", "kind"],
                                                "Indicator": ["id", "plan", "name"], "Technology": ["id", "name"],
                                                "Plan": ["id", "province", "year"], "Tally": ["id", "kind", "scope"]}


def markdown_table() -> str:
    """The schema as the README shows it."""
    rows = ["| node | properties |", "|---|---|"]
    rows += [f"| `(:{k})` | {', '.join(v)} |" for k, v in NODES.items()]
    rows += ["", "| relationship | from → to | properties |", "|---|---|---|"]
    rows += [f"| `[:{k}]` | {a} → {b} | {', '.join(p) or '—'} |" for k, (a, b, p) in RELATIONSHIPS.items()]
    return "\n".join(rows)

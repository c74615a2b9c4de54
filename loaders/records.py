"""Plain records passed between the loader stages and on to graph/.

Spans are character offsets into the plan's decoded text; normalisation never
changes the length of the text, so a span is valid in both the original and
the normalised text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class PlanMeta:
    id: str
    title: str
    jurisdiction: str
    province: str
    city: str | None
    issuer: str | None
    issued: str | None
    year: int | None
    period_start: int | None
    period_end: int | None
    doc_number: str | None
    source_file: str
    sha256: str
    encoding: str
    title_en: str | None = None
    kind: str | None = None


@dataclass
class Project:
    id: str
    plan: str
    kind: str  # task | subtask | programme | action | annex-row | measure | part (a heading that assigns its items)
    number: int  # ordinal among projects of this kind in the plan
    label: str  # the marker as printed: "12.", "专栏三", "(四)", "序号 5"
    title: str
    section: str  # section path, " > " separated
    text: str
    span_start: int
    span_end: int
    parent: str | None = None
    technologies: list[str] = field(default_factory=list)


@dataclass
class Role:
    project: str
    agency: str  # Agency.id
    role: str  # lead | support
    basis: str  # explicit | first-listed | sentence
    surface: str  # the name as written
    evidence: str  # the quote the role was read from
    span_start: int  # span of the surface name
    span_end: int
    plan: str = ""


@dataclass
class Agency:
    id: str
    name: str
    aliases: list[str]
    type: str
    type_en: str
    name_en: str
    jurisdiction: str
    level: str
    collective: bool
    known: bool  # False when neither the curated lexicon nor the national catalogue recognises the name
    family: str = ""  # functional family for comparisons across the country (see data/lexicons/body_types.csv)
    family_en: str = ""


@dataclass
class Indicator:
    id: str
    plan: str
    project: str | None
    name: str
    category: str | None
    unit: str | None
    baseline: str | None
    baseline_year: int | None
    target: str | None
    target_value: float | None
    comparator: str | None
    target_year: int | None
    quote: str
    span_start: int
    span_end: int
    source: str  # table | text
    target_base: float | None = None  # the target in its base unit (bit/s, 元, 户 …): see loaders/units.py
    base_unit: str | None = None
    normalised: str | None = None  # "26 Tbps"


@dataclass
class Technology:
    name: str
    name_en: str
    aliases: list[str]
    category: str


@dataclass
class PlanRecords:
    plan: PlanMeta
    projects: list[Project]
    roles: list[Role]
    agencies: list[Agency]
    indicators: list[Indicator]
    technologies: list[Technology]
    warnings: list[str]
    report: dict = field(default_factory=dict)  # how much was read: see loaders/report.py

    def to_dict(self) -> dict:
        return asdict(self)

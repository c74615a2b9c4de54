"""read → segment → extract → normalise → records, for one plan."""

from __future__ import annotations

import re
from pathlib import Path

from . import indicators as ind
from . import lexicons, nlp, roles
from .agencies import AgencyIndex
from .metadata import read_meta
from .projects import build_projects
from .read import Source, read_source
from .records import Indicator, PlanRecords, Role, Technology
from .report import build_report
from .segment import find_tables, segment


def extract_plan(path: str | Path, overrides: dict | None = None) -> PlanRecords:
    """Read one plan file into records. Raises LoaderError for unreadable input only."""
    return extract_source(read_source(path), overrides)


def extract_source(src: Source, overrides: dict | None = None) -> PlanRecords:
    lex = lexicons.load()
    meta, warnings = read_meta(src, overrides)
    blocks = segment(src.norm)
    tables = find_tables(blocks)
    projects, cells = build_projects(meta.id, src.text, blocks, tables)
    if not projects:
        warnings.append(f"{src.path}: no tasks found (unknown layout?); the plan is loaded with its indicators only")

    index = AgencyIndex(lex, meta.jurisdiction, meta.province)

    raw = roles.plan_roles(projects, cells, src.norm)
    role_records = _role_records(raw, projects, index, src, meta.id)
    for surface in index.unknown:
        warnings.append(f"{src.path}: agency not in the lexicon, type guessed: {surface}")

    # Technologies are read from what a task says, not from who does it (市大数据局 is no big-data task).
    masked = list(src.norm)
    for r in role_records:
        masked[r.span_start : r.span_end] = " " * (r.span_end - r.span_start)
    masked_norm = "".join(masked)
    surfaces = sorted({r.surface for r in role_records}, key=len, reverse=True)
    own_text = [_plan_words(_without(p.text, surfaces) if p.kind in ("annex-row", "part") else masked_norm[p.span_start : p.span_end])
                for p in projects]
    for p, techs in zip(projects, nlp.technologies_in(own_text), strict=True):
        p.technologies = techs
    used = {t for p in projects for t in p.technologies}
    technologies = [Technology(t["name"], t["name_en"], t["aliases"], t["category"]) for t in lex.technologies if t["name"] in used]

    table_blocks = {id(b) for t in tables for row in t.rows for b in row}
    raws = ind.from_tables(tables) + ind.from_text(src.norm, blocks, table_blocks, meta.period_end)
    raws.sort(key=lambda r: r.span)
    indicator_records = []
    for n, r in enumerate(raws, 1):
        owner = _innermost(projects, r.span)
        indicator_records.append(Indicator(
            id=f"{meta.id}:indicator-{n}", plan=meta.id, project=owner.id if owner else None, name=r.name,
            category=r.category, unit=r.unit, baseline=r.baseline, baseline_year=r.baseline_year, target=r.target,
            target_value=r.target_value, comparator=r.comparator, target_year=r.target_year,
            quote=src.text[r.quote[0] : r.quote[1]].strip(), span_start=r.span[0], span_end=r.span[1], source=r.source,
        ))
    rec = PlanRecords(meta, projects, role_records, list(index.agencies.values()), indicator_records, technologies, warnings)
    rec.report = build_report(rec, src.norm)
    return rec


# Page furniture inside a project's span ("来源:中国电子政务网", a URL, an editor's name) is not plan text.
_FURNITURE = re.compile(r"^[ \t]*(?:来源|作者|责任编辑|编辑|审核|发布(?:时间|日期|机构)|主办|承办|版权|网站|copyright|#).*$|\S*https?://\S*|www\.\S+",
                        re.M | re.I)


def _without(text: str, surfaces: list[str]) -> str:
    for name in surfaces:
        text = text.replace(name, " " * len(name))
    return text


def _plan_words(text: str) -> str:
    return _FURNITURE.sub(lambda m: " " * len(m.group(0)), text)


def _innermost(projects, span):
    inside = [p for p in projects if p.span_start <= span[0] and span[1] <= p.span_end and p.kind != "annex-row"]
    return min(inside, key=lambda p: p.span_end - p.span_start) if inside else None


def _role_records(raw, projects, index: AgencyIndex, src: Source, plan_id: str) -> list[Role]:
    by_id = {p.id: p for p in projects}
    out: dict[tuple[str, str, str], Role] = {}
    for r in raw:
        project = by_id[r.project]
        for name in r.names:
            agency = index.resolve(name.surface)
            # One role of each kind per task: a body may lead one clause of a task and support another.
            key = (project.id, agency.id, r.role)
            if key in out:
                continue
            out[key] = Role(
                project=project.id, agency=agency.id, role=r.role, basis=r.basis, surface=name.surface,
                evidence=src.text[r.evidence[0] : r.evidence[1]], span_start=name.start, span_end=name.end, plan=plan_id,
            )
    return list(out.values())

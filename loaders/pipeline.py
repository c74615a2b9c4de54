"""read → segment → extract → normalise → records, for one plan."""

from __future__ import annotations

import re
from pathlib import Path

from . import indicators as ind
from . import lexicons, nlp, roles, units
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
    indicator_records: list[Indicator] = []
    seen: dict[tuple, Indicator] = {}
    for r in raws:
        quote = src.text[r.quote[0] : r.quote[1]].strip()
        base, base_unit = units.to_base(r.target_value, r.unit)
        key = (r.name, base if base is not None else r.target, r.target_year)
        if key in seen:  # the same target stated twice (a table and a sentence): one indicator, both quotes
            _merge(seen[key], r, quote)
            continue
        owner = _innermost(projects, r.span)
        seen[key] = Indicator(
            id=f"{meta.id}:indicator-{len(indicator_records) + 1}", plan=meta.id, project=owner.id if owner else None,
            name=r.name, category=r.category or _section_of(blocks, r.span[0]), unit=r.unit, baseline=r.baseline,
            baseline_year=r.baseline_year, target=r.target, target_value=r.target_value, comparator=r.comparator,
            target_year=r.target_year, quote=quote, span_start=r.span[0], span_end=r.span[1], source=r.source,
            target_base=base, base_unit=base_unit, normalised=units.display(base, base_unit),
        )
        indicator_records.append(seen[key])
    indicator_records.sort(key=lambda i: i.span_start)  # a merged one now stands where its table row is
    for n, i in enumerate(indicator_records, 1):
        i.id = f"{meta.id}:indicator-{n}"
    rec = PlanRecords(meta, projects, role_records, list(index.agencies.values()), indicator_records, technologies, warnings)
    rec.report = build_report(rec, src.norm)
    return rec


# Page furniture inside a project's span ("来源:中国电子政务网", a URL, an editor's name) is not plan text.
_FURNITURE = re.compile(r"^[ \t]*(?:来源|作者|责任编辑|编辑|审核|发布(?:时间|日期|机构)|主办|承办|版权|网站|copyright|#).*$|https?://\S+|www\.\S+",
                        re.M | re.I)
_FURNITURE_HINT = re.compile(r"来源|作者|编辑|审核|发布|主办|承办|版权|网站|copyright|#|http|www\.", re.I)


def _without(text: str, surfaces: list[str]) -> str:
    for name in surfaces:
        text = text.replace(name, " " * len(name))
    return text


def _plan_words(text: str) -> str:
    if not _FURNITURE_HINT.search(text):
        return text  # most tasks: nothing to blank
    return _FURNITURE.sub(lambda m: " " * len(m.group(0)), text)


def _merge(kept: Indicator, r, quote: str) -> None:
    """A target stated again: the table row's reading wins (it has the baseline and category)."""
    if r.source == "table" and kept.source == "text":
        kept.category, kept.unit, kept.baseline, kept.baseline_year = r.category or kept.category, r.unit, r.baseline, r.baseline_year
        kept.target, kept.comparator, kept.source = r.target, r.comparator, "table"
        kept.span_start, kept.span_end = r.span
        kept.quote = quote + " | " + kept.quote
    elif quote not in kept.quote:
        kept.quote += " | " + quote


def _section_of(blocks, pos: int) -> str | None:
    """The heading an indicator stands under, as its category when no table row gives one."""
    for b in blocks:
        if b.start <= pos < b.end or b.start > pos:
            path = b.path if b.start <= pos else []
            title = b.title if b.is_heading and b.start <= pos else (path[-1] if path else None)
            return re.sub(r"^[(（]?[一二三四五六七八九十\d]+[)）、.]?", "", title) if title else None
    return None


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

"""Loading plans into a store: extract → statements → one atomic write per plan."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from loaders import LoaderError, lexicons
from loaders.parallel import extract_many
from loaders.records import PlanRecords
from loaders.report import format_report
from loaders.succession import successions

from . import tallies
from .errors import GraphError
from .store import Store
from .write import (
    orphan_statements,
    plan_statements,
    pruned,
    remove_statements,
    succession_statements,
)

PLANS_DIR = Path(__file__).resolve().parent.parent / "data" / "plans"
DEFAULT_UPLOADS = Path(__file__).resolve().parent.parent / "var" / "uploads"
PLAN_SUFFIXES = (".txt",)
SWEEP_ALL_FROM = 50  # plans in one build


@dataclass
class Summary:
    plans: list[dict] = field(default_factory=list)  # one row per plan: id, projects, roles, …
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)  # one extraction report per plan loaded
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors


def default_paths() -> list[Path]:
    return sorted(p for p in PLANS_DIR.iterdir() if p.suffix in PLAN_SUFFIXES)


def uploads_dir(store: Store) -> Path:
    """Where a store keeps the files users uploaded: inside the embedded store's folder, so each
    store (and each test's store) has its own; var/uploads/ for external stores."""
    server = getattr(store, "server", None)
    return Path(server.folder) / "uploads" if server else DEFAULT_UPLOADS


def uploaded_paths(store: Store) -> list[Path]:
    """Plans users added through the app: loaded again when the graph is rebuilt."""
    from loaders.formats import SUFFIXES

    folder = uploads_dir(store)
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES) if folder.exists() else []


def write_records(store: Store, rec: PlanRecords, cleanup: bool = True, stored: bool = True) -> None:
    """Replace one plan's facts and its counts in the store, atomically; then drop what no plan
    mentions any more. ``stored=False``: the caller knows the plan is not in the store yet."""
    with store.batch():  # the write lock: nobody changes the stored version between reading and replacing it
        old = tallies.in_graph(store, rec.plan.id) if stored else tallies.Contribution()
        change = tallies.from_records(rec).minus(old)
        store.write_plan(pruned(plan_statements(rec, lexicons.load().places) + tallies.statements(change)))
        if cleanup:
            store.write_plan(pruned(orphan_statements(change.agencies()) + tallies.sweep_statements(change)))


def remove_plan(store: Store, plan_id: str) -> None:
    """Remove a plan's facts; agencies and technologies stay while another plan uses them.
    An uploaded plan's file goes too (seed plans in data/plans are project data and stay)."""
    for row in store.query("MATCH (p:Plan {id: $id}) RETURN p.source_file AS f", {"id": plan_id}):
        if row["f"]:
            (uploads_dir(store) / Path(row["f"]).name).unlink(missing_ok=True)
    with store.batch():
        change = tallies.Contribution().minus(tallies.in_graph(store, plan_id))
        store.write_plan(pruned(remove_statements(plan_id) + tallies.statements(change)))
        store.write_plan(pruned(orphan_statements(change.agencies()) + tallies.sweep_statements(change)))
    store.save()


def build(store: Store, paths: Iterable[str | Path] | None = None, progress: Callable[[int, int, str], None] | None = None,
          overrides: dict | None = None, replace: bool = False, workers: int | None = None) -> Summary:
    """Load each plan; a plan that fails is reported and leaves the graph as it was.

    ``overrides`` (jurisdiction, title, year …) are facts the text does not state, given by the user.
    ``workers``: processes reading plans (default PLANGRAPH_WORKERS, else one per core); plans
    are written one at a time, in the order given, whatever the number of readers."""
    paths = [Path(p) for p in (paths or default_paths())]
    summary = Summary()
    t0 = time.perf_counter()
    with store.batch():
        _load_each(store, paths, progress, overrides, summary, replace, workers)
    store.save()  # kept for the interface; the append-only file already holds every write
    summary.seconds = time.perf_counter() - t0
    return summary


def _load_each(store: Store, paths: list[Path], progress, overrides, summary: Summary, replace: bool = False,
               workers: int | None = None) -> None:
    store.ensure_schema()
    new_agencies = []
    sources: dict[str, str | None] = {}  # plan id → its file, for the plans this build has met
    # A few plans sweep what each may have orphaned; a bulk build sweeps everything once at the end
    # (the candidates of thousands of plans are most of the graph).
    each = len(paths) < SWEEP_ALL_FROM
    for n, (path, rec) in enumerate(extract_many(paths, overrides, workers), 1):
        if progress:
            progress(n, len(paths), path.name)
        try:
            if isinstance(rec, LoaderError):
                raise rec
            if rec.plan.id not in sources:  # one indexed look-up, not a list of every plan in the graph
                found = store.query("MATCH (p:Plan {id: $id}) RETURN p.source_file AS f", {"id": rec.plan.id})
                sources[rec.plan.id] = found[0]["f"] if found else None
            _check_same_source(rec, sources, replace)
            stored = sources[rec.plan.id] is not None
            sources[rec.plan.id] = rec.plan.source_file
            write_records(store, rec, cleanup=each, stored=stored)
        except (LoaderError, GraphError) as err:
            summary.errors.append(str(err))
            continue
        summary.warnings.extend(rec.warnings)
        summary.plans.append(plan_summary(rec))
        summary.reports.append(format_report(rec))
        new_agencies += rec.agencies
    if summary.plans:
        if not each:
            store.write_plan(orphan_statements() + tallies.global_sweep_statements())
        link_successions(store, new_agencies)


def _check_same_source(rec: PlanRecords, sources: dict, replace: bool) -> None:
    """A file whose name maps to another file's plan id would silently replace that plan."""
    other = sources.get(rec.plan.id)
    if other and other != rec.plan.source_file and not replace:
        raise GraphError("G010", rec.plan.source_file,
                         f"its plan id {rec.plan.id!r} is already the plan read from {other}; rename the file, "
                         "or load it with replace (--replace, or tick 'replace' in the app) to put it in that plan's place")


def link_successions(store: Store, new_agencies: list) -> None:
    """SUCCEEDED_BY between the new plans' agencies and every agency of the same place
    (data/lexicons/succession.csv: the 2018 reform, the data bureaus …)."""
    from types import SimpleNamespace

    places = sorted({a.jurisdiction for a in new_agencies if not a.collective})
    rows = store.query("MATCH (a:Agency) WHERE a.jurisdiction IN $places AND NOT a.collective "
                       "RETURN a.id AS id, a.type AS type, a.jurisdiction AS jurisdiction, a.level AS level",
                       {"places": places}, limit=10**6) if places else []
    known = {r["id"]: SimpleNamespace(collective=False, **r) for r in rows}
    known.update({a.id: a for a in new_agencies})
    ids = {a.id for a in new_agencies}
    links = [s for s in successions(known.values()) if s.predecessor in ids or s.successor in ids]
    if links:
        store.write_plan(succession_statements(links))


def add_upload(store: Store, name: str, data: bytes, overrides: dict | None = None, replace: bool = False) -> Summary:
    """A plan a user uploaded: kept in the store's uploads folder (the Plans page shows its text) and loaded."""
    from loaders.formats import check_name

    from .locks import folder_error

    safe = check_name(name)
    folder = uploads_dir(store)
    # Read it first, from memory: a file that cannot be read must not land among the uploads.
    from loaders.read import source_from_bytes

    source_from_bytes(data, safe)
    path = folder / safe
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as err:
        raise folder_error(folder, err) from err
    summary = build(store, [path], overrides=overrides, replace=replace)
    if summary.errors:
        path.unlink(missing_ok=True)
    return summary


def source_path(store: Store, source_file: str) -> Path | None:
    """Where a loaded plan's file lives: data/plans/ or the store's uploads."""
    for folder in (PLANS_DIR, uploads_dir(store)):
        p = folder / source_file
        if p.exists():
            return p
    return None


def plan_summary(rec: PlanRecords) -> dict:
    r = rec.report
    return {
        "plan": rec.plan.id, "projects": len(rec.projects), "agencies": len(rec.agencies),
        "leads": sum(r.role == "lead" for r in rec.roles), "supports": sum(r.role == "support" for r in rec.roles),
        "indicators": len(rec.indicators), "technologies": len(rec.technologies), "warnings": len(rec.warnings),
        "tasks_with_lead": f"{r.get('with_lead', 0)}/{r.get('tasks', 0)}", "not_read": len(r.get("unread", [])),
    }

"""Stage 5: the answer — the intent's Cypher run with its parameters, and a sentence that
states the answer (who, how many, which is more), the reading, the words left unused, the
suggestion when a name was a near miss, and the total of every list.

The dictionary and the task index are built from the graph once per graph version and kept
in a cache file (``$TMPDIR/plangraph-search-<uid>/``), so ``python -m graph ask`` starts in well
under a second when the graph has not changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import GraphError
from ..launcher import TIMEOUT_MAX_MS
from . import intents as I
from .link import (
    GLOSSARY,
    LEXICON_DIR,
    STOPWORDS_EN,
    Dictionary,
    Entity,
    acronym_ok,
    build_dictionary,
    english_paraphrases,
    fuzzy_link,
    is_word_boundary,
    link,
    short_place,
    unknown_agencies,
)
from .normalise import MAX_QUESTION, language, normalise, years
from .retrieve import Hit, TaskIndex, tokens
from .templates import EXAMPLES, INDICATOR_WORDS_EN, TEMPLATES

SHOWN = 10  # rows a list shows before "show all"
_CACHE_VERSION = 3


@dataclass
class Answer:
    question: str
    understood: bool
    intent: str | None
    entities: list[dict]
    cypher: str | None
    params: dict
    answer: str
    rows: list[dict]
    interpretation: str = ""
    suggestions: list[str] = field(default_factory=list)
    closest: list[str] = field(default_factory=list)
    passages: list[dict] = field(default_factory=list)
    lang: str = "en"
    ms: float = 0.0
    total: int = 0  # rows in the whole answer (the table may show fewer)
    did_you_mean: list[str] = field(default_factory=list)  # the names a near miss was read as
    ignored: list[str] = field(default_factory=list)  # words of the question the reading did not use

    def to_json(self) -> dict:
        d = asdict(self)
        return {k: d[k] for k in ("question", "understood", "intent", "entities", "cypher", "params", "answer", "rows")}


# ---------------------------------------------------------------- what is built once per graph version


@dataclass
class Prepared:
    d: Dictionary
    projects: dict[str, dict]  # id → plan, kind, label, title, leads, supports
    index: TaskIndex


def _fingerprint(store) -> str:
    plans = store.query("MATCH (p:Plan) RETURN p.id AS id, p.sha256 AS sha ORDER BY id", limit=10**6)
    counts = store.query("MATCH (a:Agency) RETURN count(a) AS n")
    here = Path(__file__).resolve().parent
    files = [*sorted(LEXICON_DIR.glob("*.csv")), GLOSSARY, *sorted(here.glob("*.py"))]
    stamp = [(f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists()]
    blob = json.dumps([_CACHE_VERSION, str(getattr(store, "where", "")), plans, counts, stamp], ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def _cache_dir() -> Path | None:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"plangraph-search-{uid}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = folder.stat()
        if hasattr(os, "getuid") and (st.st_uid != uid or st.st_mode & 0o077):
            return None  # someone else's folder: never load a pickle from it
        return folder
    except OSError:
        return None


def prepare(store, use_cache: bool = True) -> Prepared:
    """The dictionary and the task index for the graph as it is now (from the cache when the
    plans, lexicons and this package are unchanged)."""
    key = _fingerprint(store) if use_cache else ""
    folder = _cache_dir() if use_cache else None
    path = folder / f"{key}.pkl" if folder else None
    if path and path.exists():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # noqa: BLE001 - a stale or broken cache is rebuilt
            pass
    d = build_dictionary(store)
    # Each task's role counts are kept on it at load time (graph/tallies.py): no pass over every
    # role of a national graph; the engine's longest time limit, since this reads every task once.
    rows = store.query(
        "MATCH (p:Project)\n"
        "RETURN p.id AS id, p.plan AS plan, p.kind AS kind, p.label AS label, p.title AS title, p.section AS section,\n"
        "       p.text AS text, coalesce(p.leads, 0) AS leads, coalesce(p.supporters, 0) AS supports\nORDER BY id",
        limit=10**7, timeout_ms=TIMEOUT_MAX_MS)
    index = TaskIndex(rows)
    index.projects = []  # the texts are not needed after indexing
    projects = {r["id"]: {k: r[k] for k in ("plan", "kind", "label", "title", "leads", "supports")} for r in rows}
    prepared = Prepared(d, projects, index)
    if path:
        try:
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(prepared, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in folder.glob("*.pkl"):
                if old != path and time.time() - old.stat().st_mtime > 7 * 86400:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    return prepared


# ---------------------------------------------------------------- the asker


_TOPIC_STOP = re.compile(
    r"请问|请|谁来|是谁|由谁|谁|哪个部门|哪些部门|哪个单位|哪些单位|哪个机构|哪些机构|哪家|的牵头单位|牵头单位|牵头部门|配合单位|配合部门|"
    r"责任单位|负责单位|参与单位|主管部门|有哪些|有哪几|是哪些|是哪个|负责|牵头|配合|主管|承担|参与|哪些|哪个|这项|该项|"
    r"任务|工作任务|有关|相关|方面|更多|更少|较多|哪个省|哪个市|还是|或者|比较|相比|对比|由|的|是|吗|呢|啊|了|在|和|与|及|或|之|中|里|"
    r"做|抓|管|多|少")
_EN_DROP = STOPWORDS_EN | {
    "who", "whom", "responsible", "handle", "handles", "handling", "charge", "leds", "co-lead", "co-leads", "supporting",
    "agencies", "agency", "bodies", "body", "unit", "units", "department", "departments", "task", "tasks", "item",
    "items", "programme", "which", "what", "is", "are", "for", "the", "in", "of", "s", "by", "and", "to", "on", "with",
    "his", "her", "job", "jobs", "area", "field", "matter", "matters", "issue", "issues", "topic", "about", "regarding",
    "concerning", "thing", "things", "behind", "tell", "me", "know", "want", "vs", "versus", "has", "have",
}
_TERMISH = re.compile(r"^(?=.*\d)[a-z0-9.\-+]+$|^[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*$")


class Asker:
    """Answers questions against one store; build once (the dictionary is read from the graph)."""

    def __init__(self, store, use_cache: bool = True):
        self.store = store
        prepared = prepare(store, use_cache)
        self.d, self.projects, self.index = prepared.d, prepared.projects, prepared.index
        keys = sorted(self.d.glossary, key=len, reverse=True)
        self._glossary_re = re.compile(r"(?<![a-z0-9\-])(" + "|".join(re.escape(k) for k in keys) + r")(?![a-z0-9\-])") if keys else None

    # -- reading the question
    def read(self, question: str) -> tuple[str, str, list[Entity]]:
        text = normalise(question)
        lang = language(question)
        entities = self._outside_glossary(text, link(text, self.d))
        entities += english_paraphrases(text, self.d, entities)
        entities += fuzzy_link(text, self.d, entities, self.index.known)
        entities += self._indicators(text, entities)
        self._coordinated(text, entities)
        return text, lang, sorted(entities, key=lambda e: e.start)

    def _coordinated(self, text: str, entities: list[Entity]) -> None:
        """"城市和农村平均接入带宽": the first indicator shares the second's words; both are meant."""
        for e in entities:
            if e.kind != "indicator" or not re.match(r"[\u4e00-\u9fff]", e.surface):
                continue
            m = re.search(r"([\u4e00-\u9fff]{2,4})[和与及、]$", text[: e.start])
            if not m:
                continue
            cands = e.candidates or [e.id]
            pairs = [(m.group(1)[-n:], k) for n in (2, 3, 4) for k in (2, 3, 4) if n <= len(m.group(1))]
            for first, k in pairs:
                more = [x for x in self.d.indicator_names if first + e.surface[k:] in x and x not in cands]
                if more:
                    e.candidates = [*more, *cands]
                    e.start = m.end(1) - len(first)
                    e.surface = text[e.start : e.end]
                    break

    def _outside_glossary(self, text: str, entities: list[Entity]) -> list[Entity]:
        """A single word inside a longer glossary phrase is part of the phrase: "government" in
        "digital government" names no agency type."""
        if not self._glossary_re:
            return entities
        spans = [(m.start(1), m.end(1)) for m in self._glossary_re.finditer(text.lower()) if " " in m.group(1)]
        return [e for e in entities if not (e.kind == "agency_type" and any(a <= e.start and e.end <= b and b - a > e.end - e.start
                                                                                for a, b in spans))]

    def mentions(self, entities: list[Entity], text: str):
        return I.mentions(entities, text, self.d)

    def _indicators(self, text: str, entities: list[Entity]) -> list[Entity]:
        """Indicators named in part ("出口带宽") or in English ("internet penetration rate")."""
        covered = set()
        for e in entities:
            if e.kind != "place":
                covered |= set(range(e.start, e.end))
        names = self.d.indicator_names
        out: list[Entity] = []
        for m in re.finditer(r"[\u4e00-\u9fffA-Za-z0-9]{4,}", text):
            run = m.group(0)
            best = None
            for i in range(len(run)):
                for j in range(len(run), i + 3, -1):
                    piece = run[i:j]
                    if (best and len(piece) <= len(best[0])) or set(range(m.start() + i, m.start() + j)) & covered:
                        continue
                    if not re.search(r"[\u4e00-\u9fff]", piece) or I._CJK_FILLER.fullmatch(piece):
                        continue
                    hits = [n for n in names if piece in n]
                    if hits:
                        best = (piece, i, hits)
                        break
            if best and len(best[0]) >= 4:
                e = Entity("indicator", best[0], best[0], m.start() + best[1], m.start() + best[1] + len(best[0]))
                e.candidates = best[2]
                out.append(e)
        low = text.lower()

        def inside_longer(a: int, b: int) -> bool:
            # "internet" inside "Internet of Things" is not an indicator word; "IPTV" on its own is.
            return any(e.kind != "place" and e.start <= a and b <= e.end and (e.end - e.start) > (b - a) for e in entities)

        terms = [(m.start(), m.end(), zh) for en, zh in INDICATOR_WORDS_EN.items() for m in re.finditer(rf"\b{re.escape(en)}\b", low)
                 if not inside_longer(m.start(), m.end())]
        if terms:
            wanted = {zh for _, _, zh in terms}
            hits = [n for n in names if all(w in n for w in wanted)]
            if not hits and names:
                best = max((sum(w in n for w in wanted), n) for n in names)
                hits = [n for n in names if sum(w in n for w in wanted) == best[0]] if best[0] >= max(1, len(wanted) - 1) else []
            if len(wanted) == 1 and len(hits) > 3:
                hits = []  # one generic word ("broadband") names no particular indicator
            if hits:
                a, b = min(t[0] for t in terms), max(t[1] for t in terms)
                e = Entity("indicator", "+".join(sorted(wanted)), text[a:b], a, b)
                e.candidates = hits
                out.append(e)
        return out

    # -- answering
    def ask(self, question: str) -> Answer:
        t0 = time.perf_counter()
        question = (question or "")[: MAX_QUESTION * 4]
        lang = language(question)
        if not question.strip() or len(question) > MAX_QUESTION:
            return self._not_understood(question, lang, [], t0, "empty or too long")
        head = I.before_code(normalise(question))
        if head is None:
            return self._not_understood(question, lang, [], t0, "refused")
        code_dropped = head != normalise(question)
        text, lang, entities = self.read(head)
        absent = self._absent(text, entities)
        if absent:
            return self._not_understood(question, lang, entities, t0, f"not in the graph: {absent}")
        missing_years = [y for y in years(text) if y not in self.d.years]
        if missing_years:
            return self._not_understood(question, lang, entities, t0, f"not in the graph: {missing_years[0]}" + ("年" if lang == "zh" else ""))
        for name in unknown_agencies(text, entities):
            near = self._near_agency(name)
            if not near:
                return self._not_understood(question, lang, entities, t0, f"not in the graph: {name}")
            i = text.find(name)
            entities = [e for e in entities if e.end <= i or e.start >= i + len(name)]
            entities.append(Entity("agency", near, name, i, i + len(name), fuzzy=True))
            entities.sort(key=lambda e: e.start)
        masked = "".join(" " if any(e.start <= i < e.end for e in entities) else ch for i, ch in enumerate(text))
        outside = I.not_held(masked)
        if outside:
            return self._not_understood(question, lang, entities, t0, f"not held: {outside}")
        c = I.cues(text)
        ments, used = self.mentions(entities, text)
        try:
            found = self.interpret(text, entities, c, ments, used, lang)
        except GraphError:
            return self._not_understood(question, lang, entities, t0, "query failed")
        if isinstance(found, str):
            return self._not_understood(question, lang, entities, t0, found, [a for m in ments for a in m.candidates])
        intent, params, shape, ignored, extra = found
        if intent is None:
            return self._not_understood(question, lang, entities, t0, "no reading")
        try:
            rows = self._run(intent, params)
        except GraphError:
            return self._not_understood(question, lang, entities, t0, "query failed")
        if intent == "indicator_target" and not rows:
            found = self._indicator_in_text(text, entities, params)
            if found:
                intent, params, rows = found
        fuzzy = self._corrections(entities, ments, intent, params)
        sentence = self._sentence(intent, params, rows, lang, shape, extra)
        if fuzzy:
            what = "、".join(f"「{b}」" for _, b in fuzzy) if lang == "zh" else ", ".join(b for _, b in fuzzy)
            typed = "、".join(f"「{a}」" for a, _ in fuzzy) if lang == "zh" else ", ".join(f"“{a}”" for a, _ in fuzzy)
            sentence = (f"图谱中没有{typed};您是不是要找 {what}?以下是 {what} 的答案:" + sentence) if lang == "zh" else \
                (f"{typed} is not in the graph; did you mean {what}? Answer for {what}: " + sentence)
        if re.match(r"^\s*(does|do|is|are|has|have|did|was|were)\b", question, re.I) or re.search(r"是否|有没有|吗[?？]?\s*$", question):
            sentence = (("是的。" if rows else "没有。") if lang == "zh" else ("Yes. " if rows else "No. ")) + sentence
        interpretation = self._interpretation(intent, params, lang, extra)
        if code_dropped:
            ignored = [*ignored, "(代码未执行)" if lang == "zh" else "(code after the question not run)"]
        if ignored:
            interpretation += ("(未使用的词:" + "、".join(ignored) + ")") if lang == "zh" else (" (words not used: " + ", ".join(ignored) + ")")
        ans = Answer(
            question=question, understood=True, intent=intent, entities=[_entity_json(e) for e in entities],
            cypher=TEMPLATES.get(intent) or f"// {intent} runs through the store", params=params, answer=sentence, rows=rows,
            interpretation=interpretation, lang=lang, total=len(rows), did_you_mean=[b for _, b in fuzzy], ignored=ignored,
            suggestions=extra.get("others", []),
        )
        ans.ms = 1000 * (time.perf_counter() - t0)
        return ans

    def _corrections(self, entities, ments, intent, params) -> list[tuple[str, str]]:
        """(what was typed, what it was read as) for every near miss the answer rests on."""
        out = []
        for e in entities:
            if not e.fuzzy:
                continue
            read_as = e.id
            if e.kind in ("agency", "agency_type"):
                m = next((m for m in ments if m.start == e.start), None)
                read_as = m.agency if m and m.agency else e.id
            if (e.surface, read_as) not in out and e.surface.lower() != read_as.lower():
                out.append((e.surface, read_as))
        return out

    def _near_agency(self, name: str) -> str | None:
        """An agency written with a near miss ("浙江省通讯管理局" → 浙江省通信管理局): one character
        off in the same place; None when the graph holds no such body."""
        from rapidfuzz import fuzz, process

        forms = [s for s in self.d.chinese if any(k == "agency" for k, _ in self.d.surfaces[s])]
        hit = process.extractOne(name, forms, scorer=fuzz.ratio, score_cutoff=86)
        if not hit:
            return None
        agency = self.d.surfaces[hit[0]][0][1]
        place = next((p for s, p in self.d.short_places.items() if name.startswith(s)), None)
        if place and not I.in_place(agency, place, self.d):
            return None
        return agency

    def interpret(self, text, entities, c, ments, used, lang):
        """(intent, params, shape, ignored words, extra) — or the reason it is not understood."""
        d = self.d
        agencies = list(dict.fromkeys(m.agency for m in ments if m.agency))
        ambiguous = [cand for m in ments if not m.agency and m.kind == "agency" for cand in m.candidates]
        techs = list(dict.fromkeys(e.id for e in entities if e.kind == "technology"))
        indicators = [e for e in entities if e.kind == "indicator"]
        refs = I.plan_references(text, entities, d, used)
        empty = [r for r, plans in refs if not plans]
        about_targets = bool(indicators) or "indicator" in c
        missing = [y for y in years(text) if y not in d.indicator_years]
        if about_targets and missing and not (set(years(text)) & {p.get("year") for p in d.plans.values()} and "plans" in c):
            return f"not in the graph: {missing[0]}"
        if empty and (years(text) or I._period(text)[0]) and not about_targets:
            return f"not in the graph: {empty[0]} {years(text)[0] if years(text) else '-'.join(map(str, I._period(text)))}"
        scope = sorted({p for _, plans in refs for p in plans})
        places = [e for e in entities if e.kind == "place" and id(e) not in used]
        extra: dict = {}

        if "indicator" in c and techs and not indicators and not agencies:
            names = [n for n in d.indicator_names if any(t.lower() in n.lower() for t in techs)]
            if names:
                place = places[0].id if places else ""
                return "indicator_target", {"indicators": names, "place": place, "plan": ""}, "indicator", [], extra
        if I.asks_without_lead(text):
            return "tasks_without_lead", {"plans": scope}, "list", [], extra
        if I.comparative(text):
            found = self._compare(text, entities, c, ments, used, refs, techs, places)
            if found:
                return (*found, [], extra)
        if not ments and refs and len(refs) == 1 and len(refs[0][1]) == 1 and I.plan_fact(text):
            return "plan_info", {"plans": refs[0][1], "fact": I.plan_fact(text)}, "info", [], extra
        if not agencies and not ambiguous and I.asks_who(text) and "most" not in c and "partner" not in c \
                and not (indicators and "indicator" in c) \
                and (c & {"lead", "support"} or I.asks_responsible(text)) \
                and not (I.asks_types(text)):
            return self._responsibility(text, entities, c, scope, places, techs, lang)
        if len(agencies) == 1 and I.asks_who(text) and I.names_a_task(text) and c & {"lead", "support"} \
                and re.search(r"谁|\bwho\b|哪个部门|哪些部门|哪个单位|哪些单位|\bwhich (?:\w+ )?(?:agenc|department|bod)", text, re.I) \
                and not c & {"most", "partner", "count"} and not re.search(r"哪些任务|什么任务|哪项任务|\b(?:which|what) tasks?\b", text, re.I):
            # "Who supports the public security informatization task in Qingyuan?": the body's name
            # is part of the task's words, and the question asks who.
            keep = [e for e in entities if e.kind not in ("agency", "agency_type")]
            words = [e for e in entities if e.kind in ("agency", "agency_type")]
            found = self._responsibility(text, keep, c, scope, places, techs, lang, also=words)
            if not isinstance(found, str):
                return found
        if not agencies and not ambiguous and I.asks_technologies(text) and not techs:
            return "plan_technologies", {"plans": scope or sorted(d.plans)}, "list", [], extra
        if not agencies and I.asks_types(text):
            return "agency_types", {"include_collective": False, "limit": 100}, "list", [], extra
        kinds = I.kinds_asked(text)
        wants_tasks = re.search(r"任务|事项|\btasks?\b|\bitems?\b", text, re.I) or kinds
        if not agencies and not ambiguous and not techs and not indicators and wants_tasks and scope and \
                not c & {"most", "lead", "support", "partner", "indicator"} and not I.asks_who(text) and \
                (c & {"list", "count"} or re.search(r"^(?:list|show)\b|有哪些|哪些|几|多少|\btasks\b", text, re.I)):
            return "plan_tasks", {"plans": scope, "kinds": self._kinds(scope, kinds)}, "count" if "count" in c else "list", [], extra
        unplanned = [p.id for p in places if p.id not in d.plans_by_place]
        if unplanned and not scope and not agencies and not techs and not indicators and wants_tasks and \
                not c & {"most", "lead", "support", "partner", "indicator"} and (c & {"list", "count"}):
            # "杭州有哪些任务": no plan of its own; the tasks whose words name it.
            return "place_tasks", {"place": unplanned[0], "name": short_place(unplanned[0])}, "count" if "count" in c else "list", [], extra
        intent, params, shape = I.classic(text, entities, c, ments, used, d)
        ambiguous = [cand for m in ments if not m.agency for cand in m.candidates]
        if ambiguous and (intent is None or intent in ("agency_tasks", "agency_task_count", "partners", "neighbourhood", "agency_lineage")):
            return "ambiguous agency"
        extra_words = I.unexplained(text, entities)
        explained = len(entities) + len(c)
        if intent is None or len(extra_words) > max(2, explained - 1):
            return "no reading"
        if intent == "neighbourhood" and extra_words and "neighbour" not in c:
            return "no reading"
        if intent == "list_plans" and params.get("year") and params["year"] not in {p.get("year") for p in d.plans.values()}:
            return f"not in the graph: {params['year']}"
        return intent, params, shape, extra_words, extra

    def _kinds(self, plans: list[str], asked: list[str]) -> list[str]:
        if asked:
            return asked
        have = {p["kind"] for p in self.projects.values() if p["plan"] in set(plans)}
        for k in ("task", "annex-row", "action", "programme", "measure", "subtask"):
            if k in have:
                return [k]
        return []

    # -- comparisons
    def _compare(self, text, entities, c, ments, used, refs, techs, places):
        d = self.d
        role = I.role_of(text, c)
        agencies = list(dict.fromkeys(m.agency for m in ments if m.agency))
        if len(agencies) == 1 and len([e for e in entities if e.kind == "place"]) >= 2:
            # "Zhejiang's EITC or Anhui's": the same body in each place.
            e = next(e for e in entities if e.kind in ("agency", "agency_type"))
            others = [p.id for p in entities if p.kind == "place" and not I.in_place(agencies[0], p.id, d)]
            for place in others:
                other, _ = I.resolve(e, place, d)
                if other and other not in agencies:
                    agencies.append(other)
        if len(agencies) >= 2:
            return "compare_agencies", {"agencies": agencies[:2], "role": role or ("LEADS" if "lead" in c else "")}, "compare"
        plans_named = [r for r, plans in refs if len(plans) == 1]
        doc_words = re.search(r"要点|方案|规划|计划|\bplan\b|key points", text, re.I)
        if len(refs) >= 2 and len(plans_named) >= 2 and doc_words and not techs:
            ids = list(dict.fromkeys(plans for _, p in refs if len(p) == 1 for plans in p))
            if len(ids) >= 2:
                kinds = I.kinds_asked(text)
                return "compare_plans", {"plans": ids[:2], "kinds": kinds or ["task", "annex-row"]}, "compare"
        if len(techs) >= 2:
            place = places[0].id if places else ""
            return "compare_technologies", {"technologies": techs[:2], "place": place}, "compare"
        place_ids = list(dict.fromkeys(p.id for p in places))
        if len(place_ids) >= 2:
            pair = place_ids[:2]
            if techs:
                return "compare_places_technology", {"places": pair, "technology": techs[0]}, "compare"
            if "plans" in c and "tasks" not in c:
                return "compare_places_plans", {"places": pair}, "compare"
            if re.search(r"部门|机构|单位|\bagenc|\bdepartments\b|\bbodies\b", text, re.I) and "tasks" not in c:
                return "compare_places_agencies", {"places": pair}, "compare"
            if "indicator" in c:
                return "compare_places_indicators", {"places": pair}, "compare"
            query, place_tokens, ignored = self._topic(text, entities)
            if ignored:
                return None  # "Which has more GDP, Anhui or Zhejiang?": more of what?
            q = [t for t in tokens(query) if t not in place_tokens]
            projects: list[str] = []
            if q:
                among = {p for p, v in self.projects.items() if v["plan"] in {x for pl in pair for x in d.plans_by_place.get(pl, [])}}
                projects = [h.project for h in self.index.search(q, among, k=10_000, must=place_tokens) if h.coverage >= 0.75]
            return "compare_places_tasks", {"places": pair, "all": not q, "projects": projects}, "compare"
        return None

    # -- who is responsible
    def _topic(self, text: str, entities: list[Entity]) -> tuple[str, list[str], list[str]]:
        """The words that describe a task: entity names of agencies, places and plans taken out,
        technologies as their Chinese names, English through the glossary. Returns the Chinese
        query, the place tokens, and the words it could not use."""
        chars = list(text)
        place_tokens: list[str] = []
        for e in sorted(entities, key=lambda e: -e.start):
            if e.kind == "technology" and (e.fuzzy or not re.search(r"[\u4e00-\u9fff]", e.surface)):
                chars[e.start : e.end] = list(f" {e.id} ")  # "物连网" → 物联网, "IoT" → 物联网
            elif e.kind == "technology" or e.fuzzy:
                continue  # the words as written: "千兆光网" matches the task's own words
            elif e.kind in ("agency", "agency_type", "plan", "indicator") or e.kind == "place":
                if e.kind == "place":
                    place_tokens += tokens(short_place(e.id))
                    if re.fullmatch(r"[\u4e00-\u9fff]+", e.surface):
                        chars[e.start : e.end] = list(f" {e.surface} ")  # "宽带安徽": part of the task's words
                        continue
                if e.kind == "indicator":
                    continue
                chars[e.start : e.end] = [" "]
        rest = "".join(chars)
        rest = re.sub(r"(?<=\s)\d{4}年?|^\d{4}年?", " ", rest)
        low = rest.lower()
        if self._glossary_re:
            low = self._glossary_re.sub(lambda m: f" {self.d.glossary[m.group(1)]} ", low)
        ignored = []
        for w in re.findall(r"[a-z][a-z0-9\-']*|\d+[a-z]+[a-z0-9]*", low):
            core = re.sub(r"('s|s'|')$", "", w)
            if core in _EN_DROP or len(core) < 2 or re.fullmatch(I.CUES_ALL, core):
                low = re.sub(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])", " ", low, count=1)
            elif not self.index.known(core):
                ignored.append(core)
                low = re.sub(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])", " ", low, count=1)
        low = _TOPIC_STOP.sub(" ", low)
        low = re.sub(r"[^\u4e00-\u9fffa-z0-9.+\-]+", " ", low)
        low = re.sub(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?![\u4e00-\u9fff])", " ", low)  # a lone character says little
        return re.sub(r"\s+", " ", low).strip(), place_tokens, ignored

    def _responsibility(self, text, entities, c, scope, places, techs, lang, also=()):
        query, place_tokens, ignored = self._topic(text, entities)
        raw_words = re.findall(r"[A-Za-z0-9][A-Za-z0-9.\-+]*", normalise(text))
        termish = [w for w in ignored if any(_TERMISH.match(x) and x.lower() == w for x in raw_words) or re.search(r"\d", w)]
        if termish:
            return f"not in the graph: {next(x for x in raw_words if x.lower() == termish[0])}"
        q = tokens(query) + [f"\x00{w}" for w in ignored]  # a word not understood is a word not matched
        if not [t for t in q if t not in place_tokens and not t.startswith("\x00")]:
            return "no reading"
        among = {p for p, v in self.projects.items() if v["plan"] in set(scope)} if scope else None
        topic_mode = I.asks_plural_who(text) and not I.names_a_task(text)
        hits = self.index.search(q, among, k=2000 if topic_mode else 50, must=place_tokens)
        english = language(text) == "en" or bool(re.search(r"[A-Za-z]{3,}", query))
        bar = 0.6 if english else 0.75
        good = [h for h in hits if h.coverage >= bar]
        tech_tasks = self._tech_tasks(techs, scope) if techs else []
        if not good and not tech_tasks:
            return "no task matches"
        role = I.role_of(text, c)
        if topic_mode:
            best = good[0].score if good else 0
            projects = sorted({h.project for h in good if h.score >= 0.3 * best} | set(tech_tasks))
            topic = query if not techs else techs[0]
            return "topic_agencies", {"projects": projects, "topic": topic, "role": role}, "topic", ignored, {}
        if not good:
            good = [Hit(p, 1.0, 1.0, []) for p in tech_tasks]
        best = good[0]
        close = [h for h in good if h.coverage >= best.coverage - 0.15 and h.score >= 0.5 * best.score]
        with_roles = [h for h in close if self.projects[h.project]["leads"] + self.projects[h.project]["supports"] > 0]
        chosen = (with_roles or close)[0]
        others = [h for h in (with_roles or close) if h.project != chosen.project][:3]
        extra = {"others": [self._task_label(h.project, lang) for h in others],
                 "near": [h.project for h in others if h.score >= 0.85 * chosen.score]}
        params = {"project": chosen.project, "role": role}
        return "task_roles", params, "roles", ignored, extra

    def _indicator_in_text(self, text: str, entities: list[Entity], params: dict):
        """No indicator holds the figure: the plan's own sentence that states it, marked as text."""
        e = next((e for e in entities if e.kind == "indicator"), None)
        if e is None:
            return None
        words = e.id.split("+") if not re.search(r"[\u4e00-\u9fff]{2}", e.surface) else [e.surface]
        place = params.get("place")
        plans = set(self.d.plans_by_place.get(place, [])) if place else set(self.d.plans)
        among = {p for p, v in self.projects.items() if v["plan"] in plans}
        hits = self.index.search(tokens(" ".join(words)), among, k=20)
        if not hits:
            return None
        rows = self.store.query(TEMPLATES["indicator_text"], {"projects": [h.project for h in hits]})
        out = []
        for r in rows:
            for sentence in re.split(r"[。;;\n]", r["text"] or ""):
                if all(any(w[i : i + 2] in sentence for i in range(max(1, len(w) - 1))) for w in words) and re.search(r"\d", sentence):
                    out.append({"project": r["project"], "plan": r["plan"], "title": r["title"], "quote": sentence.strip()})
                    break
        if not out:
            return None
        return "indicator_text", {"projects": [r["project"] for r in out], "words": words}, out

    def _tech_tasks(self, techs: list[str], scope: list[str]) -> list[str]:
        rows = self.store.query("MATCH (pl:Plan)-[:INCLUDES]->(p:Project)-[:INVOLVES]->(t:Technology) WHERE t.id IN $t "
                                "AND (size($plans) = 0 OR pl.id IN $plans) RETURN DISTINCT p.id AS id", {"t": techs, "plans": scope})
        return [r["id"] for r in rows]

    def _task_label(self, project: str, lang: str) -> str:
        p = self.projects[project]
        plan = self.d.plans.get(p["plan"], {}).get("title") or p["plan"]
        return f"「{p['title']}」({plan})" if lang == "zh" else f"“{p['title']}” ({plan})"

    def _absent(self, text: str, entities: list[Entity]) -> str | None:
        """A place or technology the lexicon knows but no plan in the graph mentions."""
        low = text.lower()
        covered = set()
        for e in entities:
            covered |= set(range(e.start, e.end))
        for surface, what in self.d.known_not_in_graph.items():  # longest first
            i = low.find(surface)
            if i >= 0 and not covered & set(range(i, i + len(surface))):
                if surface.isascii() and not is_word_boundary(low, i, i + len(surface)):
                    continue
                if not acronym_ok(surface, text[i : i + len(surface)]):
                    continue
                return what
        return None

    def _run(self, intent: str, params: dict) -> list[dict]:
        if intent == "path":
            path = self.store.shortest_path(params["source"], params["target"])
            return [{"path": [n["id"] for n in path["nodes"]], "length": len(path["relationships"])}] if path else []
        cypher = TEMPLATES[intent]
        bound = {k: v for k, v in params.items() if re.search(rf"\${k}\b", cypher)}  # the rest only words the answer
        return self.store.query(cypher, bound, limit=1000)

    # -- words
    def _interpretation(self, intent: str, p: dict, lang: str, extra: dict) -> str:
        from .sentences import interpretation

        return interpretation(self, intent, p, lang)

    def _sentence(self, intent: str, p: dict, rows: list[dict], lang: str, shape: str, extra: dict) -> str:
        from .sentences import sentence

        return sentence(self, intent, p, rows, lang, shape, extra)

    def _not_understood(self, question: str, lang: str, entities: list[Entity], t0: float, why: str, candidates=()) -> Answer:
        closest = [*candidates, *[e.id for e in entities]][:5]
        if not closest and question.strip() and why not in ("refused", "empty or too long"):
            from rapidfuzz import fuzz, process

            closest = [self.d.surfaces[m[0]][0][1] for m in process.extract(normalise(question)[:60].lower(), self.d.names,
                                                                            scorer=fuzz.partial_ratio, limit=3, score_cutoff=70)]
        zh = lang == "zh"
        msg = "没有理解这个问题。" if zh else "Sorry, I did not understand this question."
        if why.startswith("not in the graph"):
            what = why.split(": ", 1)[1]
            msg = f"图谱中没有关于「{what}」的规划,无法回答。" if zh else f"No plan in the graph covers {what}, so I cannot answer this."
        elif why == "ambiguous agency":
            msg = "这个机构名称对应多个机构,请加上省份或城市。" if zh else "That agency name fits several agencies; please add the province or city."
        elif why.startswith("not held"):
            what = why.split(": ", 1)[1]
            msg = (f"没有理解这个问题:图谱只记录规划的任务、负责单位、指标和技术,没有「{what}」这类信息。" if zh else
                   f"Sorry, I did not understand this question: the graph holds the plans' tasks, responsible agencies, targets "
                   f"and technologies — nothing about “{what}”.")
        elif why == "refused":
            msg = ("没有理解这个问题:搜索框只读取图谱,不执行修改、删除或代码。" if zh else
                   "Sorry, I did not understand this question: the search box only reads the graph; it does not run code or change anything.")
        elif why == "no task matches":
            msg = ("没有理解这个问题:没有找到与问题相符的任务;下面是包含其中词语的段落。" if zh else
                   "Sorry, I did not understand this question: no task matches these words; passages with some of them are below.")
        a = Answer(question, False, None, [_entity_json(e) for e in entities], None, {}, msg, [], suggestions=EXAMPLES[lang],
                   closest=list(dict.fromkeys(closest)), passages=[] if why == "refused" else self.passages(question, entities), lang=lang)
        a.ms = 1000 * (time.perf_counter() - t0)
        return a

    def passages(self, question: str, entities: list[Entity] | None = None, limit: int = 5) -> list[dict]:
        """Fallback: the tasks whose words are nearest the question's (BM25), with a quote."""
        text = normalise(question)
        if entities is None:
            entities = link(text, self.d)
        query, place_tokens, _ = self._topic(text, entities)
        q = tokens(query)
        hits = [h for h in self.index.search(q, None, k=limit * 3) if len(h.matched) >= 1]
        hits.sort(key=lambda h: (-len(h.matched), -h.score))
        if not hits:
            return []
        ids = [h.project for h in hits[:limit]]
        rows = self.store.query("MATCH (p:Project) WHERE p.id IN $ids RETURN p.id AS project, p.plan AS plan, p.section AS section, "
                                "p.title AS title, p.text AS text", {"ids": ids})
        order = {p: i for i, p in enumerate(ids)}
        rows.sort(key=lambda r: order[r["project"]])
        for r, h in zip(rows, hits, strict=False):
            r["hits"] = len(h.matched)
            words = [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", query) if w in r["text"]] or [t for t in h.matched if t in r["text"]]
            i = r["text"].find(words[0]) if words else 0
            r["quote"] = r.pop("text")[max(0, i - 40) : i + 80]
        return rows


def _entity_json(e: Entity) -> dict:
    return {"kind": e.kind, "id": e.id, "surface": e.surface, **({"candidates": e.candidates} if e.candidates else {}),
            **({"fuzzy": True} if e.fuzzy else {})}


def ask(store, question: str) -> Answer:
    return Asker(store).ask(question)

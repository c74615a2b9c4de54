"""Stage 2: names in the question → the graph's entities.

A dictionary is built from the graph itself (agency names, aliases and English names, plan
titles, places, technologies, indicators) plus the curated tables of data/lexicons/. Longest
match first; ASCII names only as whole words; short acronyms only when written as acronyms.
Near misses (rapidfuzz for spelling, toneless pinyin for input-method homophones, one changed
character in a place name) are linked too but marked ``fuzzy``: the answer then says "did you
mean …?" instead of passing the correction off as the question.

>>> short_place("浙江省"), short_place("广西壮族自治区"), short_place("清远市")
('浙江', '广西', '清远')
>>> acronym_ok("iot", "IoT"), acronym_ok("its", "its")
(True, False)
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "lexicons"
GLOSSARY = Path(__file__).resolve().parent / "glossary.csv"

STOPWORDS_EN = {
    "the", "a", "an", "of", "in", "on", "for", "to", "and", "or", "is", "are", "was", "were", "be", "by", "with", "what",
    "which", "who", "does", "do", "did", "has", "have", "had", "how", "many", "much", "me", "show", "list", "tell", "about",
    "its", "it", "their", "them", "that", "this", "these", "those", "from", "at", "as", "than", "please", "can", "you",
    "i", "we", "all", "any", "there", "where", "plan", "plans", "province", "provinces", "provincial", "government",
    "task", "tasks", "project", "projects", "agency", "agencies", "lead", "leads", "led", "leading", "support",
    "supports", "supporting", "most", "top", "number", "count", "target", "targets", "baseline", "indicator",
    "indicators", "set", "sets", "mention", "mentions", "mentioned", "involve", "involves", "involving", "related",
    "between", "connected", "path", "share", "shares", "together", "work", "works", "responsible", "in charge",
    "department", "departments", "commission", "bureau", "office", "city", "municipal", "technology", "technologies",
    "2016-2020", "13th", "five-year", "fyp", "s", "per", "each", "partner", "partners", "goal", "goals", "value",
    "neighbourhood", "neighborhood", "neighbours", "neighbors", "linked", "connection", "connections", "whose", "ones",
    "jurisdiction", "jurisdictions", "regions", "region", "assigned", "duties", "name", "names", "give", "find", "get",
    "so", "up", "into", "out", "being", "will", "should", "would", "could", "my", "our", "your", "more",
    "they", "he", "she", "also", "only", "just", "like", "via", "under", "over", "done", "doing", "role", "roles",
    "graph", "database", "appear", "appears", "covered", "cover", "covers", "ask", "key", "main", "informatization",
    "altogether", "total", "involved", "whole", "period", "not", "other", "else", "both", "either", "whether",
    "listed", "named", "according", "currently", "now", "here", "exactly", "precisely", "overall", "every",
}


@dataclass
class Entity:
    kind: str  # agency | agency_type | place | technology | indicator | plan
    id: str
    surface: str
    start: int
    end: int
    candidates: list[str] = field(default_factory=list)  # agencies an ambiguous name could be
    fuzzy: bool = False  # a near miss: the answer must say "did you mean"


@dataclass
class Dictionary:
    surfaces: dict[str, list[tuple[str, str]]]  # lower-cased surface → [(kind, id)]
    agencies: dict[str, dict]
    places_with_plans: set[str]
    plans_by_place: dict[str, list[str]]
    known_not_in_graph: dict[str, str]  # surface → what it is (a place or technology with no plan here)
    indicator_names: list[str]
    names: list[str] = field(default_factory=list)
    pinyin: dict[str, list[str]] = field(default_factory=dict)  # toneless pinyin → Chinese surfaces (≥ 3 characters)
    plans: dict[str, dict] = field(default_factory=dict)  # plan id → title, province, jurisdiction, year, period …
    years: set[int] = field(default_factory=set)  # every year a plan or indicator names
    glossary: dict[str, str] = field(default_factory=dict)  # English word or phrase → Chinese
    place_pinyin: dict[str, str] = field(default_factory=dict)  # pinyin of a short place name → place
    indicator_years: set[int] = field(default_factory=set)  # years an indicator's target or baseline names
    # Derived once, not per question: surfaces longest first, and the candidate lists of the fuzzy matcher.
    by_length: list[str] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    chinese: list[str] = field(default_factory=list)
    place_names: list[str] = field(default_factory=list)
    short_places: dict[str, str] = field(default_factory=dict)  # 安徽 → 安徽省, for places that have plans

    def __post_init__(self):
        self.known_not_in_graph = dict(sorted(self.known_not_in_graph.items(), key=lambda x: -len(x[0])))
        self.by_length = sorted(self.surfaces, key=len, reverse=True)
        self.english = [s for s in self.names if s.isascii() and len(s) >= 4]
        self.chinese = [s for s in self.names if not s.isascii() and len(s) >= 4]
        self.place_names = [s for s in self.names if s.isascii() and any(k == "place" for k, _ in self.surfaces[s])]
        self.short_places = {short_place(p): p for p in self.places_with_plans if p and re.fullmatch(r"[\u4e00-\u9fff]+", p)}


@lru_cache(maxsize=1)
def _readings() -> dict[int, str]:
    """pypinyin's table of single-character readings, loaded alone: importing the package also
    loads its phrase table (0.2 s), which a toneless key per character does not need."""
    import importlib.util

    spec = importlib.util.find_spec("pypinyin")
    path = Path(list(spec.submodule_search_locations)[0]) / "pinyin_dict.py"
    table = importlib.util.spec_from_file_location("_plangraph_pinyin_dict", path)
    module = importlib.util.module_from_spec(table)
    table.loader.exec_module(module)
    return module.pinyin_dict


def _toneless(reading: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", reading) if not unicodedata.combining(ch))


def pinyin_key(text: str) -> str:
    """Toneless pinyin, one reading per character (the first): "物连网" and "物联网" → "wu lian wang".

    >>> pinyin_key("物连网") == pinyin_key("物联网"), pinyin_key("青岛")
    (True, 'qing dao')
    """
    table = _readings()
    return " ".join(_toneless(table[ord(ch)].split(",")[0]) if ord(ch) in table else ch for ch in text)


def _add(surfaces, surface: str, kind: str, id_: str) -> None:
    s = (surface or "").strip().lower()
    if len(s) < 2:
        return
    if (kind, id_) not in surfaces.setdefault(s, []):
        surfaces[s].append((kind, id_))


def short_place(name: str) -> str:
    """浙江省 → 浙江, 清远市 → 清远, 广西壮族自治区 → 广西."""
    return re.sub(r"(壮族|回族|维吾尔)?(省|市|自治区)$", "", name) or name


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def build_dictionary(store) -> Dictionary:
    from loaders.lexicons import load as load_lexicons

    lex = load_lexicons()
    surfaces: dict[str, list[tuple[str, str]]] = {}
    agencies = {r["id"]: r for r in store.query(
        "MATCH (a:Agency) RETURN a.id AS id, a.name AS name, a.aliases AS aliases, a.name_en AS name_en, a.type AS type, "
        "a.jurisdiction AS jurisdiction, a.collective AS collective", limit=100_000)}
    plans = store.query(
        "MATCH (p:Plan) RETURN p.id AS id, p.title AS title, p.title_en AS title_en, p.province AS province, "
        "p.jurisdiction AS jurisdiction, p.year AS year, p.issued AS issued, p.issuer AS issuer, "
        "p.period_start AS period_start, p.period_end AS period_end, p.kind AS kind", limit=100_000)
    places_with_plans = {p["province"] for p in plans if p["province"]} | {p["jurisdiction"] for p in plans if p["jurisdiction"]}
    plans_by_place: dict[str, list[str]] = {}
    years: set[int] = set()
    for p in plans:
        for place in {p["province"], p["jurisdiction"]} - {"", None}:
            plans_by_place.setdefault(place, []).append(p["id"])
        _add(surfaces, p["title"], "plan", p["id"])
        if p.get("title_en"):
            _add(surfaces, p["title_en"], "plan", p["id"])
        years |= {y for y in (p["year"], p["period_start"], p["period_end"]) if y}
        if p["period_start"] and p["period_end"] and p["period_end"] - p["period_start"] < 20:
            years |= set(range(p["period_start"], p["period_end"] + 1))
    indicator_years: set[int] = set()
    for r in store.query("MATCH (i:Indicator) RETURN DISTINCT i.target_year AS t, i.baseline_year AS b", limit=100_000):
        indicator_years |= {y for y in (r["t"], r["b"]) if y}
    years |= indicator_years
    for a in agencies.values():
        for s in {a["name"], *(a.get("aliases") or [])}:
            _add(surfaces, s, "agency", a["id"])
            if s[0] in "省市" and len(s) > 2:
                # "浙江省经信委", "浙江经信委": the jurisdiction written into the abbreviation.
                place = a["jurisdiction"]
                _add(surfaces, place + s[1:], "agency", a["id"])
                _add(surfaces, short_place(place) + s[1:], "agency", a["id"])
        if a.get("name_en"):
            _add(surfaces, a["name_en"], "agency", a["id"])
    for e in lex.agencies.values():
        # Every surface the curated lexicon knows, not only those seen in the loaded texts.
        if e.canonical in agencies:
            _add(surfaces, e.surface, "agency", e.canonical)
            if e.surface[0] in "省市" and len(e.surface) > 2:
                _add(surfaces, e.jurisdiction + e.surface[1:], "agency", e.canonical)
                _add(surfaces, short_place(e.jurisdiction) + e.surface[1:], "agency", e.canonical)
    graph_techs = {r["id"] for r in store.query("MATCH (t:Technology)<-[:INVOLVES]-(:Project) RETURN DISTINCT t.id AS id", limit=100_000)}
    known_not_in_graph: dict[str, str] = {}
    for t in lex.technologies:
        forms = [t["name"], *t["aliases"], *english_forms(t["name_en"])]
        for f in forms:
            if t["name"] in graph_techs:
                _add(surfaces, f, "technology", t["name"])
            elif len(f) >= 2:
                known_not_in_graph[f.lower()] = t["name"]
    # Places: the curated table, then every place the graph holds (a newly loaded city has no
    # English name: its pinyin stands in, "青岛市" → "qingdao").
    graph_places = {r["id"]: r.get("en") or "" for r in store.query(
        "MATCH (n) WHERE n:Province OR n:City RETURN n.id AS id, n.name_en AS en", limit=100_000)}
    place_en = {name: row.get("name_en") or "" for name, row in lex.places.items()}
    for name, en in graph_places.items():
        place_en[name] = place_en.get(name) or en
    place_pinyin: dict[str, str] = {}
    for name in sorted(set(place_en) | places_with_plans):
        if not name or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
            continue
        in_graph = name in places_with_plans or name in graph_places or any(a["jurisdiction"] == name for a in agencies.values())
        en = place_en.get(name) or ""
        if not en and in_graph:
            en = pinyin_key(short_place(name)).replace(" ", "")
        for f in (name, short_place(name), en):
            if not f:
                continue
            if in_graph:
                _add(surfaces, f, "place", name)
            else:
                known_not_in_graph[f.lower()] = name
        if in_graph and name in places_with_plans:
            place_pinyin[pinyin_key(short_place(name))] = name
    for type_, (type_en, _) in lex.types.items():
        if len(type_) >= 3:
            _add(surfaces, type_, "agency_type", type_)
        if type_en:
            _add(surfaces, re.sub(r"\s*\(.*\)$", "", type_en), "agency_type", type_)
    for row in _csv(LEXICON_DIR / "search_terms.csv"):
        _add(surfaces, row["surface"], row["kind"], row["target"])
    indicator_names = [r["name"] for r in store.query("MATCH (i:Indicator) RETURN DISTINCT i.name AS name", limit=100_000)]
    for n in indicator_names:
        _add(surfaces, n, "indicator", n)
    names = sorted({s for s in surfaces if len(s) >= 2})
    pinyin: dict[str, list[str]] = {}
    for s in names:
        if len(s) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", s):
            pinyin.setdefault(pinyin_key(s), []).append(s)
    glossary = {r["english"].lower(): r["chinese"] for r in _csv(GLOSSARY)}
    return Dictionary(surfaces, agencies, places_with_plans, plans_by_place, known_not_in_graph, indicator_names, names,
                      pinyin, {p["id"]: p for p in plans}, years, glossary, place_pinyin, indicator_years)


def english_forms(name_en: str) -> list[str]:
    """"Internet of Things (IoT)" → the whole, "Internet of Things", "IoT"."""
    out = [name_en]
    m = re.match(r"^(.*?)\s*\((.*)\)$", name_en or "")
    if m:
        out += [m.group(1), *[x.strip() for x in m.group(2).split("/")]]
    return [x for x in out if x]


def acronym_ok(surface: str, written: str) -> bool:
    """Short acronyms count only when written as acronyms: "IoT", "AI", "5G", "LED" — not "its", "ai", "led"."""
    return not (surface.isascii() and len(surface) <= 3) or any(ch.isdigit() or ch.isupper() for ch in written)


def is_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def link(text: str, d: Dictionary) -> list[Entity]:
    """Longest match wins; ASCII names only as whole words."""
    low = text.lower()
    found: list[Entity] = []
    taken = [False] * len(low)
    for s in d.by_length:
        start = low.find(s)
        while start >= 0:
            end = start + len(s)
            if not any(taken[start:end]) and acronym_ok(s, text[start:end]) and (not s[0].isascii() or is_word_boundary(low, start, end)):
                kinds = d.surfaces[s]
                kind = kinds[0][0]
                ids = [i for k, i in kinds if k == kind]
                found.append(Entity(kind, ids[0], text[start:end], start, end, ids if len(ids) > 1 else []))
                for i in range(start, end):
                    taken[i] = True
            start = low.find(s, start + 1)
    return sorted(found, key=lambda e: e.start)


def _homophones(text: str, d: Dictionary, covered: set[int]) -> list[Entity]:
    """IME typos write a homophone: "物连网" for 物联网. Same toneless pinyin, three or more
    characters, at least one character in common."""
    out: list[Entity] = []
    taken = set(covered)
    for m in re.finditer(r"[\u4e00-\u9fff]{3,}", text):
        run = m.group(0)
        for size in range(min(len(run), 10), 2, -1):
            for i in range(len(run) - size + 1):
                a, b = m.start() + i, m.start() + i + size
                if set(range(a, b)) & taken:
                    continue
                window = run[i : i + size]
                for s in d.pinyin.get(pinyin_key(window), []):
                    if s != window and any(x == y for x, y in zip(s, window, strict=True)):
                        kind, id_ = d.surfaces[s][0]
                        out.append(Entity(kind, id_, window, a, b, fuzzy=True))
                        taken |= set(range(a, b))
                        break
    return out


_PLACE_TYPO = re.compile(r"([\u4e00-\u9fff]{2})(?=省|市)|^([\u4e00-\u9fff]{2})(?=的|规划|方案|要点|有|在|哪)")
_NOT_A_PLACE = set("全各本该外某每这那两几多省市")


def _place_typos(text: str, d: Dictionary, covered: set[int], known=None) -> list[Entity]:
    """A place written with one wrong character before 省/市 (or opening the question): "安微省" →
    安徽省, "清源市" → 清远市 — same pinyin, or one character in common with a place that has
    plans — when no plan text writes those two characters together (``known``)."""
    out = []
    for m in _PLACE_TYPO.finditer(text):
        window = m.group(1) or m.group(2)
        if set(range(m.start(), m.end())) & covered or window in d.short_places or window[0] in _NOT_A_PLACE:
            continue
        if known is not None and known(window):
            continue
        if window.lower() in d.surfaces or window.lower() in d.known_not_in_graph:
            continue
        key = pinyin_key(window)
        hit = d.place_pinyin.get(key)
        if not hit:
            close = [p for s, p in d.short_places.items() if len(s) == 2 and (s[0] == window[0]) != (s[1] == window[1])]
            hit = close[0] if len(close) == 1 else None
        if hit:
            out.append(Entity("place", hit, window, m.start(), m.end(), fuzzy=True))
    return out


def fuzzy_link(text: str, d: Dictionary, entities: list[Entity], known=None) -> list[Entity]:
    """Near misses ("Zhejang", "cloud computin", "浙江省经信会", "安微省"), each marked fuzzy."""
    from rapidfuzz import fuzz, process

    covered = set()
    for e in entities:
        if e.kind != "place":  # a place may be part of a misspelt agency name: "浙江省经信会"
            covered |= set(range(e.start, e.end))
    placed = set()
    for e in entities:
        if e.kind == "place":
            placed |= set(range(e.start, e.end))
    out = _place_typos(text, d, covered | placed, known)
    # English: windows of 1–4 consecutive words; Chinese: runs of 3–12 characters.
    words = [m for m in re.finditer(r"[A-Za-z][A-Za-z\-]*", text) if not set(range(m.start(), m.end())) & (covered | placed)]
    for w in words:
        # Place names are few and short: a lower bar finds "Anhiu", "Zheijang".
        if len(w.group(0)) >= 5 and w.group(0).lower() not in STOPWORDS_EN and w.group(0).lower() not in d.glossary:
            hit = process.extractOne(w.group(0).lower(), d.place_names, scorer=fuzz.ratio, score_cutoff=80)
            if hit:
                out.append(Entity("place", d.surfaces[hit[0]][0][1], w.group(0), w.start(), w.end(), fuzzy=True))
    words = [w for w in words if not any(o.start <= w.start() < o.end for o in out)]
    for i in range(len(words)):
        best = None
        for j in range(i + 1, min(len(words), i + 4) + 1):
            start, end = words[i].start(), words[j - 1].end()
            w = text[start:end].lower()
            if len(w) < 4 or all(x.group(0).lower() in STOPWORDS_EN for x in words[i:j]):
                continue
            hit = process.extractOne(w, d.english, scorer=fuzz.ratio, score_cutoff=88)
            if hit and (best is None or hit[1] > best[1]):
                best = (hit[0], hit[1], start, end)
        if best and not any(o.start < best[3] and best[2] < o.end for o in out):
            kind, id_ = d.surfaces[best[0]][0]
            out.append(Entity(kind, id_, text[best[2] : best[3]], best[2], best[3], fuzzy=True))
    out += _homophones(text, d, covered | {i for e in out for i in range(e.start, e.end)})
    for m in re.finditer(r"[\u4e00-\u9fff]{4,16}", text):
        if set(range(m.start(), m.end())) & covered:
            continue
        piece = m.group(0)
        windows = {piece[i:j] for i in range(len(piece)) for j in range(i + 4, min(len(piece), i + 12) + 1)}
        best = None
        for w in windows:
            hit = process.extractOne(w, d.chinese, scorer=fuzz.ratio, score_cutoff=80)
            if hit and d.surfaces[hit[0]][0][0] in ("agency", "agency_type") and w[-1] not in _AGENCY_END:
                continue  # "浙江人才" is no misspelt 省委人才办: a body's name ends like one
            if hit and (best is None or (hit[1], len(w)) > (best[1], len(best[2]))):
                best = (hit[0], hit[1], w)
        if best:
            kind, id_ = d.surfaces[best[0]][0]
            s = m.start() + piece.find(best[2])
            if not any(o.start < s + len(best[2]) and s < o.end for o in out):
                partial = best[2] in best[0]  # part of a name ("农村平均接入带宽"), not a misspelling
                out.append(Entity(kind, id_, text[s : s + len(best[2])], s, s + len(best[2]), fuzzy=not partial))
    return out


_HEAD = re.compile(r"^(office|bureau|department|commission|administration|centre|center|committee|group|authority|court|procuratorate)s?$")
_FILLER_EN = {"the", "of", "and", "for", "'s", "s", "a", "an", "in"}


def english_paraphrases(text: str, d: Dictionary, entities: list[Entity]) -> list[Entity]:
    """An agency type named by some of its English words: "cyberspace office" is the Cyberspace
    Affairs Office, "agriculture department" the Department of Agriculture — when exactly one
    type (or agency) holds every word and ends in the same head noun."""
    covered = {i for e in entities for i in range(e.start, e.end)}
    words = [m for m in re.finditer(r"[A-Za-z][A-Za-z\-]*", text)]
    out: list[Entity] = []
    names = [s for s in d.english if any(k in ("agency_type", "agency") for k, _ in d.surfaces[s])]
    split = {s: set(re.findall(r"[a-z][a-z\-]*", s)) for s in names}
    heads = {s: (re.findall(r"[a-z]+", re.sub(r"\(.*?\)", "", s)) or [""])[-1] for s in names}
    for j, w in enumerate(words):
        head = w.group(0).lower()
        if not _HEAD.match(head) or w.start() in covered:
            continue
        for i in range(max(0, j - 3), j):
            span = words[i:j + 1]
            if any(x.start() in covered for x in span):
                continue
            want = {x.group(0).lower() for x in span} - _FILLER_EN
            want = {re.sub(r"s$", "", x) if x not in split else x for x in want}
            if len(want) < 2:
                continue
            singular = re.sub(r"s$", "", head)
            hits = {d.surfaces[s][0] for s in names
                    if heads[s] == singular and all(any(y.startswith(x) for y in split[s]) for x in want)}
            if len(hits) == 1:
                kind, id_ = hits.pop()
                out.append(Entity(kind, id_, text[span[0].start() : w.end()], span[0].start(), w.end()))
                covered |= set(range(span[0].start(), w.end()))
                break
    return out


_AGENCY_END = set("委会局厅办室心司行院府部组站所处团")
_AGENCY_SUFFIX = re.compile(r"(管理局|委员会|办公室|(?<![为数])中心|集团|公司|银行|法院|检察院|(?<![布格结大当全时开僵])局|委(?![托屈婉])|厅)")
_LEADING = re.compile(r"^(?:请问|和|与|跟|同|由|是|的|或|及|以及|哪个|哪些|谁|把|将|给)+")


def unknown_agencies(text: str, entities: list[Entity]) -> list[str]:
    """Names written like an agency ("…管理局", "…委员会") that no entity covers: the graph does
    not hold them, and no other agency may silently stand in for them."""
    agency_spans = [(e.start, e.end) for e in entities if e.kind in ("agency", "agency_type")]
    covered = {i for e in entities for i in range(e.start, e.end)}
    out = []
    for m in _AGENCY_SUFFIX.finditer(text):
        if set(range(m.start(), m.end())) & covered or any(a <= m.start() < b for a, b in agency_spans):
            continue
        start = m.start()
        while start > 0 and re.match(r"[\u4e00-\u9fff]", text[start - 1]):
            start -= 1
        name = _LEADING.sub("", text[start : m.end()])
        if len(name) >= 4:
            out.append(name)
    return out

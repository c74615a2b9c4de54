"""The search box: a question in Chinese or English → an intent, its entities, a
parameterised Cypher template, the rows and a one-sentence answer.

No model is involved: entities are linked with a dictionary built from the
graph itself (names, aliases, English names) plus the curated tables in
data/lexicons/, and intents are read from cue words. A question that does not
fit, or that names something the graph does not hold, is answered "not
understood" with the closest entities and example questions; a keyword search
over the project texts still finds passages. User text reaches Cypher only as
parameters.

>>> from graph.ask import normalise
>>> normalise("浙江省經信委負責哪些任務？")
'浙江省经信委负责哪些任务?'
>>> normalise("“十三五”时期新建四万个基站")
'"2016-2020"时期新建40000个基站'
"""

from __future__ import annotations

import csv
import re
import time
import warnings
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from loaders.lexicons import LEXICON_DIR
from loaders.lexicons import load as load_lexicons

from .errors import GraphError

MAX_QUESTION = 300

# ---------------------------------------------------------------- normalisation

_FYP = {"十一五": "2006-2010", "十二五": "2011-2015", "十三五": "2016-2020", "十四五": "2021-2025", "十五五": "2026-2030"}
_FYP_EN = re.compile(r"\b(11|12|13|14|15)th\s*(?:five[- ]year(?:\s*plans?)?|fyp)\b", re.I)
_FYP_EN_YEARS = {"11": "2006-2010", "12": "2011-2015", "13": "2016-2020", "14": "2021-2025", "15": "2026-2030"}
_CN_NUMBER = re.compile(r"([零一二两三四五六七八九十百千万亿〇]+)(个|项|家|条|年|万|亿|名|位|%|倍|户|张|座|所)")
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x201C: 0x22, 0x201D: 0x22}


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def normalise(question: str) -> str:
    """Traditional → simplified, full-width → half-width, Chinese numerals → digits, 十三五 → 2016-2020."""
    import cn2an

    text = _t2s().convert(question).translate(_FULLWIDTH)
    text = re.sub(r"</?[A-Za-z][^<>]{0,60}>", " ", text)  # pasted markup
    for k, v in _FYP.items():
        text = text.replace(k, v)
    text = _FYP_EN.sub(lambda m: _FYP_EN_YEARS.get(m.group(1), m.group(0)), text)

    def number(m: re.Match) -> str:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return str(cn2an.cn2an(m.group(1), "smart")) + m.group(2)
            except (ValueError, KeyError, IndexError):
                return m.group(0)

    # Only numerals that count something: "四万个", "二〇一六年", "前十" — never the 四 of 四川.
    text = _CN_NUMBER.sub(number, text)
    return re.sub(r"\s+", " ", text).strip()


def language(question: str) -> str:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", question))
    words = len(re.findall(r"[A-Za-z]{2,}", question))
    return "en" if words >= 2 and words * 2 >= cjk / 2 else ("zh" if cjk else "en")


# ---------------------------------------------------------------- entity dictionary


@dataclass
class Entity:
    kind: str  # agency | agency_type | place | technology | indicator | plan
    id: str
    surface: str
    start: int
    end: int
    candidates: list[str] = field(default_factory=list)  # agencies an ambiguous name could be


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
    # Derived once, not per question: surfaces longest first, and the candidate lists of the fuzzy matcher.
    by_length: list[str] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    chinese: list[str] = field(default_factory=list)
    place_names: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.known_not_in_graph = dict(sorted(self.known_not_in_graph.items(), key=lambda x: -len(x[0])))
        self.by_length = sorted(self.surfaces, key=len, reverse=True)
        self.english = [s for s in self.names if s.isascii() and len(s) >= 4]
        self.chinese = [s for s in self.names if not s.isascii() and len(s) >= 4]
        self.place_names = [s for s in self.names if s.isascii() and any(k == "place" for k, _ in self.surfaces[s])]


def pinyin_key(text: str) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(text))


def _add(surfaces, surface: str, kind: str, id_: str) -> None:
    s = surface.strip().lower()
    if len(s) < 2 or (s.isascii() and len(s) < 2):
        return
    if (kind, id_) not in surfaces.setdefault(s, []):
        surfaces[s].append((kind, id_))


def short_place(name: str) -> str:
    """浙江省 → 浙江, 清远市 → 清远, 广西壮族自治区 → 广西."""
    return re.sub(r"(壮族|回族|维吾尔)?(省|市|自治区)$", "", name) or name


def build_dictionary(store) -> Dictionary:
    lex = load_lexicons()
    surfaces: dict[str, list[tuple[str, str]]] = {}
    agencies = {r["id"]: r for r in store.query(
        "MATCH (a:Agency) RETURN a.id AS id, a.name AS name, a.aliases AS aliases, a.name_en AS name_en, a.type AS type, "
        "a.jurisdiction AS jurisdiction, a.collective AS collective", limit=100_000)}
    plans = store.query("MATCH (p:Plan) RETURN p.id AS id, p.title AS title, p.title_en AS title_en, p.province AS province, "
                        "p.jurisdiction AS jurisdiction", limit=100_000)
    places_with_plans = {p["province"] for p in plans} | {p["jurisdiction"] for p in plans}
    plans_by_place: dict[str, list[str]] = {}
    for p in plans:
        for place in {p["province"], p["jurisdiction"]}:
            plans_by_place.setdefault(place, []).append(p["id"])
        _add(surfaces, p["title"], "plan", p["id"])
        if p.get("title_en"):
            _add(surfaces, p["title_en"], "plan", p["id"])
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
        forms = [t["name"], *t["aliases"], *_english_forms(t["name_en"])]
        for f in forms:
            if t["name"] in graph_techs:
                _add(surfaces, f, "technology", t["name"])
            elif len(f) >= 2:
                known_not_in_graph[f.lower()] = t["name"]
    for name, row in lex.places.items():
        forms = [name, short_place(name), row.get("name_en") or ""]
        for f in forms:
            if not f:
                continue
            if name in places_with_plans or any(a["jurisdiction"] == name for a in agencies.values()):
                _add(surfaces, f, "place", name)
            else:
                known_not_in_graph[f.lower()] = name
    for type_, (type_en, _) in lex.types.items():
        if len(type_) >= 3:
            _add(surfaces, type_, "agency_type", type_)
        if type_en:
            _add(surfaces, re.sub(r"\s*\(.*\)$", "", type_en), "agency_type", type_)
    with (LEXICON_DIR / "search_terms.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            _add(surfaces, row["surface"], row["kind"], row["target"])
    indicator_names = [r["name"] for r in store.query("MATCH (i:Indicator) RETURN DISTINCT i.name AS name", limit=100_000)]
    for n in indicator_names:
        _add(surfaces, n, "indicator", n)
    names = sorted({s for s in surfaces if len(s) >= 2})
    pinyin: dict[str, list[str]] = {}
    for s in names:
        if len(s) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", s):
            pinyin.setdefault(pinyin_key(s), []).append(s)
    return Dictionary(surfaces, agencies, places_with_plans, plans_by_place, known_not_in_graph, indicator_names, names, pinyin)


def _english_forms(name_en: str) -> list[str]:
    """"Internet of Things (IoT)" → the whole, "Internet of Things", "IoT"."""
    out = [name_en]
    m = re.match(r"^(.*?)\s*\((.*)\)$", name_en or "")
    if m:
        out += [m.group(1), *[x.strip() for x in m.group(2).split("/")]]
    return [x for x in out if x]


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
                        out.append(Entity(kind, id_, window, a, b))
                        taken |= set(range(a, b))
                        break
    return out


def acronym_ok(surface: str, written: str) -> bool:
    """Short acronyms count only when written as acronyms: "IoT", "AI", "5G", "LED" — not "its", "ai", "led"."""
    return not (surface.isascii() and len(surface) <= 3) or any(ch.isdigit() or ch.isupper() for ch in written)


def _is_word_boundary(text: str, start: int, end: int) -> bool:
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
            if not any(taken[start:end]) and acronym_ok(s, text[start:end]) and (not s[0].isascii() or _is_word_boundary(low, start, end)):
                kinds = d.surfaces[s]
                kind = kinds[0][0]
                ids = [i for k, i in kinds if k == kind]
                found.append(Entity(kind, ids[0], text[start:end], start, end, ids if len(ids) > 1 else []))
                for i in range(start, end):
                    taken[i] = True
            start = low.find(s, start + 1)
    return sorted(found, key=lambda e: e.start)


def fuzzy_link(text: str, d: Dictionary, entities: list[Entity]) -> list[Entity]:
    """Near misses ("Zhejang", "cloud computin", "浙江省经信会"): rapidfuzz over the unlinked words."""
    from rapidfuzz import fuzz, process

    covered = set()
    for e in entities:
        if e.kind != "place":  # a place may be part of a misspelt agency name: "浙江省经信会"
            covered |= set(range(e.start, e.end))
    out = []
    # English: windows of 1–4 consecutive words; Chinese: runs of 3–12 characters.
    placed = set()
    for e in entities:
        if e.kind == "place":
            placed |= set(range(e.start, e.end))
    words = [m for m in re.finditer(r"[A-Za-z][A-Za-z\-]*", text) if not set(range(m.start(), m.end())) & (covered | placed)]
    for w in words:
        # Place names are few and short: a lower bar finds "Anhiu", "Zheijang".
        if len(w.group(0)) >= 5 and w.group(0).lower() not in STOPWORDS_EN:
            hit = process.extractOne(w.group(0).lower(), d.place_names, scorer=fuzz.ratio, score_cutoff=80)
            if hit:
                out.append(Entity("place", d.surfaces[hit[0]][0][1], w.group(0), w.start(), w.end()))
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
            out.append(Entity(kind, id_, text[best[2] : best[3]], best[2], best[3]))
    out += _homophones(text, d, covered | {i for e in out for i in range(e.start, e.end)})
    for m in re.finditer(r"[\u4e00-\u9fff]{4,16}", text):
        if set(range(m.start(), m.end())) & covered:
            continue
        piece = m.group(0)
        windows = {piece[i:j] for i in range(len(piece)) for j in range(i + 4, min(len(piece), i + 12) + 1)}
        best = None
        for w in windows:
            hit = process.extractOne(w, d.chinese, scorer=fuzz.ratio, score_cutoff=80)
            if hit and (best is None or (hit[1], len(w)) > (best[1], len(best[2]))):
                best = (hit[0], hit[1], w)
        if best:
            kind, id_ = d.surfaces[best[0]][0]
            s = m.start() + piece.find(best[2])
            out.append(Entity(kind, id_, text[s : s + len(best[2])], s, s + len(best[2])))
    return out


# ---------------------------------------------------------------- intents

CUES = {
    "lead": r"牵头|主导|主抓|主责|\blead(s|ing)?\b|\bled\b|in charge",
    "support": r"配合|协助|协办|\bsupport(s|ing|ed)?\b|\bassist(s|ing)?\b|\bhelp(s|ing)?\b",
    "tasks": r"任务|工作|项目|事项|承担|负责|参与|\btasks?\b|\bprojects?\b|\bassign(ed|ments?)?\b|\bduties\b|\bwork(s|ing)? on\b|"
             r"\bactions?\b|\bresponsib|\binvolv|\bparticipat|\bdoing\b",
    "count": r"多少|几个|几项|几条|数量|数目|\bhow many\b|\bnumber of\b|\bcount\b|\bhow much\b",
    "most": r"最多|最高|最大|排名|排行|前几|最忙|排第一|第一|首位|更多|\btop\b|\bmost\b|\brank|\bbusiest\b|\bheaviest\b|"
            r"\bbiggest\b|\blargest\b|\bmore\b|\bfirst\b|\bnumber one\b|\bhighest\b",
    "partner": r"合作|共同|协同|一起|搭档|\bshare[sd]?\b|\bsharing\b|\btogether\b|\bpartner|\bwork(s)? with\b|\bco-?responsib|"
               r"\bcollaborat|\bco-?own|\bco-?lead|\bjointly\b|\balongside\b",
    "where": r"哪些省|哪个省|哪些规划|哪个规划|哪些地方|哪里|哪些地区|\bwhich (provinces?|plans?|places|regions|jurisdictions)\b|\bwhere\b",
    "indicator": r"目标|指标|基期|基数|达到|目标值|\btargets?\b|\bbaselines?\b|\bgoals?\b|\bindicators?\b|\baim(s|ing)?\b|\bwant\b",
    "path": r"路径|之间|怎么关联|如何关联|什么关系|有何关系|联系|\bpath\b|\bconnect\b|\bconnect(ed|ion)? (between|to)\b|\bbetween\b|"
            r"\bhow (is|are) .* (related|connected|linked)",
    "neighbour": r"邻域|关联|相关|周边|连接|相连|连着|节点|\bneighbou?r|\bconnected\b|\blinked\b|\brelated\b",
    "list": r"列出|列表|有哪些|哪些|哪几|所有|全部|收录|\blist\b|\ball\b|\bwhich\b|\bwhat\b|\bshow\b",
    "plans": r"规划|方案|要点|计划|文件|文档|\bplans?\b|\bdocuments?\b",
    "issued": r"印发|发布|出台|颁布|\bissued\b|\bpublished\b|\breleased\b",
    "provinces": r"省份|哪些省|省市|地区|\bprovinces?\b|\bjurisdictions?\b|\bregions?\b",
    "agencies": r"部门|机构|单位|\bagenc(y|ies)\b|\bdepartments?\b|\bbodies\b|\boffices?\b|\bbureaus?\b|\bwho\b|\bgovernments?\b|\borgani[sz]ations?\b",
}
_ONLY_SUPPORT = re.compile(r"不牵头|非牵头|只配合|仅配合|只是配合|\bnot lead|\bonly support|\bdoesn't lead|\bdo not lead|\bwithout leading")
_ONLY_LEAD = re.compile(r"不配合|只牵头|仅牵头|\bonly lead|\bnot support")
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
_CJK_FILLER = re.compile(
    r"请问|请|一下|告诉我|我想知道|查询|查看|显示|给出|哪些|哪个|什么|多少|的|了|吗|呢|吧|啊|是|有|在|和|与|及|中|里|上|下|"
    r"对|把|被|为|由|个|项|条|些|都|也|还|就|谁|哪|几|各|该|其|这|那|省|市|年|期间|时期|方面|情况|内容|分别|以及|还有|"
    r"一共|总共|共|最|比较|涉及|提到|提及|包括|关于|设定|设置|制定|提出|要求|计划|规划|方案|任务|工作|部门|机构|单位|"
    r"牵头|负责|配合|参与|目标|指标|数量|省份|地区|地方|技术|应用|发展|推进|建设|情况|如何|怎么|怎样|是否|能否|可以|"
    r"相关|关系|关联|之间|邻域|列出|所有|全部|排名|数|值|基期|基数|达到|要|到|从|和|同|跟|合作|共同|一起|协同|目前|现在|图谱|"
    r"份|几份|那份|这份|收录|里|印发|发布|出台"
)


_WH_EN = re.compile(r"\b(?:which|what)\s+((?:[a-z\-]+\s+){0,2}[a-z\-]+)")
_WH_ZH = re.compile(r"(?:哪些|哪几份|哪几个|哪几项|哪几|哪个|哪份|什么)([\u4e00-\u9fff]{1,4})|([\u4e00-\u9fff]{2,4})(?:有哪些|有哪几|是哪些|包括哪些)")
_OBJECT_KINDS = ("agencies", "plans", "provinces", "indicator", "tasks")


def asked_for(text: str) -> str | None:
    """What the question asks for: the noun after "which/哪些" or before "有哪些" (agencies, plans …)."""
    low = text.lower()
    spans = [m.group(1) for m in _WH_EN.finditer(low)] + [m.group(1) or m.group(2) for m in _WH_ZH.finditer(low)]
    for phrase in spans:
        for kind in _OBJECT_KINDS:
            if re.search(CUES[kind], phrase):
                return kind
    return None


def cues(text: str) -> set[str]:
    low = text.lower()
    return {k for k, pat in CUES.items() if re.search(pat, low)}


def unexplained(text: str, entities: list[Entity]) -> list[str]:
    """Words the reading does not account for: a question with several of them is not one we understand."""
    masked = list(text)
    for e in entities:
        for i in range(e.start, e.end):
            masked[i] = " "
    rest = "".join(masked).lower()
    words = [re.sub(r"('s|s'|')$", "", w) for w in re.findall(r"[a-z][a-z\-']*", rest)]
    english = [w for w in words if len(w) > 1 and w not in STOPWORDS_EN and not re.fullmatch(CUES_ALL, w)]
    chinese = _CJK_FILLER.sub(" ", " ".join(re.findall(r"[\u4e00-\u9fff]+", rest)))
    return english + [w for w in chinese.split() if len(w) >= 2]


CUES_ALL = "|".join(f"(?:{p})" for p in CUES.values())


# ---------------------------------------------------------------- templates

TEMPLATES = {
    "agency_tasks": (
        "MATCH (a:Agency {id: $agency})-[r]->(p:Project)\n"
        "WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS') AND ($role = '' OR type(r) = $role)\n"
        "RETURN p.id AS project, p.title AS title, type(r) AS role, p.plan AS plan\nORDER BY plan, project"
    ),
    "agency_task_count": (
        "MATCH (a:Agency {id: $agency})\nOPTIONAL MATCH (a)-[r]->(p:Project)\n"
        "WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS') AND ($role = 'ALL' OR type(r) = $role)\n"
        "RETURN a.id AS agency, $role AS role, count(r) AS count"
    ),
    "top_agencies": (
        "MATCH (a:Agency)-[r]->(p:Project)<-[:INCLUDES]-(pl:Plan)\n"
        "WHERE NOT a.collective AND (type(r) = 'LEADS' OR type(r) = 'SUPPORTS')\n"
        "  AND ($place = '' OR pl.province = $place OR pl.jurisdiction = $place) AND ($type = '' OR a.type = $type)\n"
        "WITH a, count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS led, count(CASE WHEN type(r) = 'SUPPORTS' THEN 1 END) AS supported\n"
        "RETURN a.id AS agency, led, supported, led + supported AS total, CASE WHEN $by = 'supported' THEN supported ELSE led END AS rank_by\n"
        "ORDER BY rank_by DESC, total DESC, agency\nLIMIT 10"
    ),
    "partners": (
        "MATCH (a:Agency {id: $agency})-[r1]->(p:Project)<-[r2]-(b:Agency)\n"
        "WHERE b.id <> a.id AND NOT b.collective\n"
        "  AND (type(r1) = 'LEADS' OR type(r1) = 'SUPPORTS') AND (type(r2) = 'LEADS' OR type(r2) = 'SUPPORTS')\n"
        "RETURN a.id AS agency, b.id AS partner, count(DISTINCT p) AS shared_tasks\nORDER BY shared_tasks DESC, partner\nLIMIT 10"
    ),
    "technology_tasks": (
        "MATCH (pl:Plan)-[:INCLUDES]->(p:Project)-[:INVOLVES]->(t:Technology {id: $technology})\n"
        "WHERE $place = '' OR pl.province = $place OR pl.jurisdiction = $place\n"
        "RETURN p.id AS project, p.title AS title, pl.id AS plan, pl.province AS province\nORDER BY plan, project"
    ),
    "technology_places": (
        "MATCH (pl:Plan)-[:INCLUDES]->(p:Project)-[:INVOLVES]->(t:Technology {id: $technology})\n"
        "RETURN pl.province AS province, pl.id AS plan, count(DISTINCT p) AS tasks\nORDER BY tasks DESC, plan"
    ),
    "indicator_target": (
        "MATCH (i:Indicator)\nWHERE i.name IN $indicators\nMATCH (pl:Plan {id: i.plan})\n"
        "WHERE ($place = '' OR pl.province = $place OR pl.jurisdiction = $place) AND ($plan = '' OR pl.id = $plan)\n"
        "RETURN pl.province AS province, pl.id AS plan, i.name AS name, i.baseline AS baseline, i.target AS target,\n"
        "       i.target_value AS target_value, i.unit AS unit, i.target_year AS target_year\nORDER BY province, plan, target_year"
    ),
    "plan_indicators": (
        "MATCH (i:Indicator {plan: $plan})\nRETURN i.name AS name, i.baseline AS baseline, i.target AS target, i.unit AS unit\nORDER BY i.span_start"
    ),
    "neighbourhood": (
        "MATCH (n {id: $node})-[r]-(m)\nRETURN m.id AS node, labels(m)[0] AS label, type(r) AS relationship\nORDER BY relationship, node\nLIMIT 300"
    ),
    "path": "MATCH p = (a {id: $source})-[*1..6]-(b {id: $target})\nRETURN p\nORDER BY length(p)\nLIMIT 1",
    "list_plans": (
        "MATCH (pl:Plan)\nWHERE ($place = '' OR pl.province = $place OR pl.jurisdiction = $place)\n"
        "  AND ($period_from = 0 OR (pl.period_start <= $period_from AND pl.period_end >= $period_to))\n"
        "  AND ($year = 0 OR pl.year = $year)\n"
        "RETURN pl.id AS plan, pl.title AS title, pl.jurisdiction AS jurisdiction\nORDER BY plan"
    ),
    "list_provinces": "MATCH (pl:Plan)\nRETURN DISTINCT pl.province AS province\nORDER BY province",
    "list_agencies": (
        "MATCH (a:Agency)-[r]->(:Project)<-[:INCLUDES]-(pl:Plan)\n"
        "WHERE NOT a.collective AND ($place = '' OR pl.province = $place OR pl.jurisdiction = $place)\n"
        "RETURN DISTINCT a.id AS agency\nORDER BY agency"
    ),
}

EXAMPLES = {
    "zh": ["浙江省经信委牵头哪些任务?", "安徽省哪个部门牵头的任务最多?", "哪些省份的规划提到了物联网?",
           "四川互联网省际出口带宽的目标是多少?", "和安徽省发展改革委共同承担任务最多的是哪个部门?"],
    "en": ["Which tasks does the Zhejiang Economy and IT Commission lead?", "Who leads the most tasks in Anhui?",
           "Which provinces mention cloud computing?", "What is Sichuan's target for inter-provincial internet bandwidth?",
           "How many tasks does the Anhui DRC support?"],
}

# English words of indicator names → the Chinese words the names contain; an English question
# reaches the indicators whose names hold all (or all but one) of its words.
INDICATOR_WORDS_EN = {
    "bandwidth": "带宽", "egress": "出口", "inter-provincial": "省际", "internet": "互联网", "broadband": "宽带",
    "penetration": "普及率", "users": "用户", "subscribers": "用户", "e-commerce": "电子商务", "retail": "零售",
    "revenue": "收入", "software": "软件", "fibre": "光纤", "fiber": "光纤", "base stations": "基站",
    "mobile phone": "移动电话", "households": "家庭", "coverage": "覆盖率", "iptv": "IPTV", "certificates": "数字证书",
    "index": "指数", "netizens": "网民", "informatization development": "信息化发展", "access": "接入",
    "transaction": "交易", "electronic information": "电子信息", "manufacturing": "制造业", "social security card": "社会保障卡",
    "patents": "专利", "villages": "村", "cable tv": "有线电视", "digitization": "数字化", "online": "网上",
}


def _period(text: str) -> tuple[int, int]:
    """A plan period named in the question: "2016-2020" (十三五), or (0, 0)."""
    m = re.search(r"(20\d\d)\s*[-–—至到]\s*(20\d\d)", text)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


# ---------------------------------------------------------------- answering


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

    def to_json(self) -> dict:
        d = asdict(self)
        return {k: d[k] for k in ("question", "understood", "intent", "entities", "cypher", "params", "answer", "rows")}


@dataclass
class Mention:
    """An agency as the question names it: an alias or a type, with the place that qualifies it."""

    start: int
    agency: str | None
    candidates: list[str]


class Asker:
    """Answers questions against one store; build once (the dictionary is read from the graph)."""

    def __init__(self, store):
        import logging

        import jieba

        self.store = store
        self.d = build_dictionary(store)
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()  # load jieba's dictionary now, not in the first answer

    # -- reading the question
    def read(self, question: str) -> tuple[str, str, list[Entity]]:
        text = normalise(question)
        lang = language(question)
        entities = link(text, self.d)
        entities += fuzzy_link(text, self.d, entities)
        entities += self._indicators(text, entities)
        return text, lang, sorted(entities, key=lambda e: e.start)

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
                    if not re.search(r"[\u4e00-\u9fff]", piece) or _CJK_FILLER.fullmatch(piece):
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
            if not hits:
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

    def mentions(self, entities: list[Entity], text: str) -> tuple[list[Mention], set[int]]:
        """Agency mentions with their qualifying place; returns them and the places they used up."""
        places = [e for e in entities if e.kind == "place"]
        used: set[int] = set()
        out: list[Mention] = []
        for e in entities:
            if e.kind not in ("agency", "agency_type"):
                continue
            qualifier = None
            for p in places:
                gap = text[p.end : e.start] if p.end <= e.start else text[e.end : p.start]
                if re.fullmatch(r"(\s|'s|’s|的|省|市|of|in|the|\s)*", gap, re.I):
                    qualifier = p
                    break
            if qualifier is None and len(places) == 1:
                qualifier = places[0]
            if qualifier is not None and (len(places) == 1 or qualifier.end <= e.start or e.end <= qualifier.start):
                used.add(id(qualifier))
            agency, cands = self._resolve(e, qualifier.id if qualifier else None)
            out.append(Mention(e.start, agency, cands))
        return out, used

    def _resolve(self, e: Entity, place: str | None) -> tuple[str | None, list[str]]:
        if e.kind == "agency_type":
            cands = [a["id"] for a in self.d.agencies.values() if a["type"] == e.id and not a["collective"]]
            if place:
                cands = [c for c in cands if self._in_place(c, place)]
            else:
                return None, []  # a type without a place names no single agency
        else:
            cands = e.candidates or [e.id]
            if place:
                here = [c for c in cands if self._in_place(c, place)]
                if not here:
                    # "安徽省经信委": Zhejiang's abbreviation, Anhui's commission of the same type.
                    types = {self.d.agencies[c]["type"] for c in cands}
                    here = [a["id"] for a in self.d.agencies.values() if a["type"] in types and not a["collective"] and self._in_place(a["id"], place)]
                cands = here
        cands = list(dict.fromkeys(cands))
        if len(cands) > 1:
            cands = [c for c in cands if not self.d.agencies[c]["collective"]] or cands
        return (cands[0], []) if len(cands) == 1 else (None, cands)

    def _in_place(self, agency_id: str, place: str) -> bool:
        a = self.d.agencies[agency_id]
        if a["jurisdiction"] == place:
            return True
        # A city's body named in a province's plan belongs to that province too.
        return bool(set(self.d.plans_by_place.get(place, [])) & set(self.d.plans_by_place.get(a["jurisdiction"], []))) or (
            a["jurisdiction"] not in self.d.plans_by_place and agency_id.startswith(short_place(place)))

    # -- choosing the intent
    def interpret(self, text: str, entities: list[Entity], c: set[str], mentions: list[Mention], used: set[int]) -> tuple[str | None, dict, str]:
        """The intent, its parameters and the answer's shape; ``c`` are the cue words, ``mentions`` the agencies."""
        agencies = [m.agency for m in mentions if m.agency]
        all_places = [e.id for e in entities if e.kind == "place"]
        place = all_places[0] if all_places else ""
        techs = [e.id for e in entities if e.kind == "technology"]
        indicators = [e for e in entities if e.kind == "indicator"]
        plans = [e.id for e in entities if e.kind == "plan"]
        types = [e.id for e in entities if e.kind == "agency_type"]
        period = _period(text)
        wanted = asked_for(text)
        role = "LEADS" if "lead" in c and "support" not in c else "SUPPORTS" if "support" in c and "lead" not in c else ""
        if _ONLY_SUPPORT.search(text.lower()):
            role = "SUPPORTS"
        elif _ONLY_LEAD.search(text.lower()):
            role = "LEADS"
        ordered = sorted([(m.start, m.agency) for m in mentions if m.agency] + [(e.start, e.id) for e in entities
                         if e.kind in ("technology", "plan") or (e.kind == "place" and id(e) not in used)])
        nodes = list(dict.fromkeys(x for _, x in ordered))
        if len(nodes) >= 2 and ("path" in c or ("neighbour" in c and "tasks" not in c)):
            return "path", {"source": nodes[0], "target": nodes[1]}, "path"
        agency = agencies[0] if agencies else None
        if agency:
            if "partner" in c:
                return "partners", {"agency": agency}, "partners"
            if "count" in c:
                return "agency_task_count", {"agency": agency, "role": role or "ALL"}, "count"
            if c & {"lead", "support", "tasks"} and not ("most" in c and not mentions):
                return "agency_tasks", {"agency": agency, "role": role}, "tasks"
            if "neighbour" in c:
                return "neighbourhood", {"node": agency}, "neighbourhood"
            if "list" in c and wanted in (None, "tasks") and not (techs or indicators or "indicator" in c):
                return "agency_tasks", {"agency": agency, "role": role}, "tasks"  # "what is X on the hook for"
        if "most" in c and (c & {"lead", "support", "tasks", "agencies"} or types) and not techs:
            return "top_agencies", {"place": place if place in self.d.places_with_plans else "", "type": types[0] if types else "",
                                    "by": "supported" if role == "SUPPORTS" else "led"}, "top"
        if len(nodes) == 1 and "neighbour" in c and not (techs and "tasks" in c):
            return "neighbourhood", {"node": nodes[0]}, "neighbourhood"
        if "indicator" in c and wanted == "indicator" and not indicators and (plans or place):
            candidates = [p for p in (plans or self.d.plans_by_place.get(place, [])) if self._covers(p, period)]
            return ("plan_indicators", {"plan": candidates[0]}, "indicators") if len(candidates) == 1 else (None, {}, "")
        if indicators and (c & {"indicator", "count", "list"} or not techs):
            names = indicators[0].candidates or [indicators[0].id]
            return "indicator_target", {"indicators": names, "place": place, "plan": plans[0] if plans else ""}, "indicator"
        if techs:
            if wanted in ("plans", "provinces") or ("where" in c and wanted != "tasks") or (
                    wanted is None and "list" in c and c & {"plans", "provinces"} and "tasks" not in c):
                return "technology_places", {"technology": techs[0]}, "places"
            return "technology_tasks", {"technology": techs[0], "place": place}, "count" if "count" in c else "tasks"
        if "indicator" in c and (plans or (place and self.d.plans_by_place.get(place))):
            candidates = plans or self.d.plans_by_place[place]
            candidates = [p for p in candidates if self._covers(p, period)]
            if len(candidates) == 1:
                return "plan_indicators", {"plan": candidates[0]}, "count" if "count" in c else "indicators"
            return None, {}, ""
        if c & {"list", "count"} and wanted in ("agencies", "plans", "provinces"):
            return self._listing(wanted, c, place, period, text)
        if c & {"list", "count"} and wanted is None:
            if "agencies" in c and "plans" not in c:
                return "list_agencies", {"place": place}, "count" if "count" in c else "list"
            if "plans" in c:
                return self._listing("plans", c, place, period, text)
            if "provinces" in c:
                return "list_provinces", {}, "count" if "count" in c else "list"
        return None, {}, ""

    def _listing(self, wanted: str, c: set[str], place: str, period: tuple[int, int], text: str):
        shape = "count" if "count" in c else "list"
        if wanted == "agencies":
            return "list_agencies", {"place": place}, shape
        if wanted == "provinces":
            return "list_provinces", {}, shape
        year = re.search(r"(20\d\d)", text)
        if "issued" in c and year and not period[0]:
            return "list_plans", {"place": place, "period_from": 0, "period_to": 0, "year": int(year.group(1))}, shape
        return "list_plans", {"place": place, "period_from": period[0], "period_to": period[1], "year": 0}, shape

    def _covers(self, plan_id: str, period: tuple[int, int]) -> bool:
        if not period[0]:
            return True
        row = self.store.query("MATCH (p:Plan {id: $id}) RETURN p.period_start AS a, p.period_end AS b", {"id": plan_id})
        return bool(row) and (row[0]["a"] or 0) <= period[0] and (row[0]["b"] or 0) >= period[1]

    # -- answering
    def ask(self, question: str) -> Answer:
        t0 = time.perf_counter()
        question = (question or "")[: MAX_QUESTION * 4]
        lang = language(question)
        if not question.strip() or len(question) > MAX_QUESTION:
            return self._not_understood(question, lang, [], t0, "empty or too long")
        text, lang, entities = self.read(question)
        absent = self._absent(text, entities)
        if absent:
            return self._not_understood(question, lang, entities, t0, f"not in the graph: {absent}")
        c = cues(text)
        mentions, used = self.mentions(entities, text)
        intent, params, shape = self.interpret(text, entities, c, mentions, used)
        ambiguous = [c for m in mentions if not m.agency for c in m.candidates]
        if ambiguous and (intent is None or intent in ("agency_tasks", "agency_task_count", "partners", "neighbourhood")):
            return self._not_understood(question, lang, entities, t0, "ambiguous agency", ambiguous)
        extra = unexplained(text, entities)
        explained = len(entities) + len(c)
        if intent is None or len(extra) > max(2, explained - 1):
            return self._not_understood(question, lang, entities, t0, "no reading")
        if intent == "neighbourhood" and extra and "neighbour" not in c:
            return self._not_understood(question, lang, entities, t0, "no reading")
        try:
            rows = self._run(intent, params)
        except GraphError:
            return self._not_understood(question, lang, entities, t0, "query failed")
        ans = Answer(
            question=question, understood=True, intent=intent, entities=[_entity_json(e) for e in entities],
            cypher=TEMPLATES[intent], params=params, answer=self._sentence(intent, params, rows, lang, shape),
            rows=rows, interpretation=self._interpretation(intent, params, lang), lang=lang,
        )
        ans.ms = 1000 * (time.perf_counter() - t0)
        return ans

    def _absent(self, text: str, entities: list[Entity]) -> str | None:
        """A place or technology the lexicon knows but no plan in the graph mentions."""
        low = text.lower()
        covered = set()
        for e in entities:
            covered |= set(range(e.start, e.end))
        for surface, what in self.d.known_not_in_graph.items():  # longest first
            i = low.find(surface)
            if i >= 0 and not covered & set(range(i, i + len(surface))):
                if surface.isascii() and not _is_word_boundary(low, i, i + len(surface)):
                    continue
                if not acronym_ok(surface, text[i : i + len(surface)]):
                    continue
                return what
        return None

    def _run(self, intent: str, params: dict) -> list[dict]:
        if intent == "path":
            path = self.store.shortest_path(params["source"], params["target"])
            return [{"path": [n["id"] for n in path["nodes"]], "length": len(path["relationships"])}] if path else []
        return self.store.query(TEMPLATES[intent], params, limit=1000)

    def _interpretation(self, intent: str, p: dict, lang: str) -> str:
        zh = {
            "agency_tasks": f"{p.get('agency')} {'牵头' if p.get('role') == 'LEADS' else '配合' if p.get('role') == 'SUPPORTS' else '牵头或配合'}的任务",
            "agency_task_count": f"{p.get('agency')} {'牵头' if p.get('role') == 'LEADS' else '配合' if p.get('role') == 'SUPPORTS' else '承担'}的任务数",
            "top_agencies": f"{p.get('place') or '全部规划'}中{'配合' if p.get('by') == 'supported' else '牵头'}任务最多的{p.get('type') or '机构'}",
            "partners": f"与 {p.get('agency')} 共同承担任务最多的机构",
            "technology_tasks": f"{p.get('place') or ''}涉及 {p.get('technology')} 的任务",
            "technology_places": f"提到 {p.get('technology')} 的省份和规划",
            "indicator_target": f"{p.get('place') or p.get('plan') or '各规划'}的「{'、'.join(p.get('indicators', []))}」目标",
            "plan_indicators": f"规划 {p.get('plan')} 的指标",
            "neighbourhood": f"{p.get('node')} 的相邻节点",
            "path": f"{p.get('source')} 与 {p.get('target')} 之间的最短路径",
            "list_plans": f"{p.get('place') or '全部'}规划", "list_provinces": "有规划的省份", "list_agencies": f"{p.get('place') or '全部'}机构",
        }
        en = {
            "agency_tasks": f"tasks {'led' if p.get('role') == 'LEADS' else 'supported' if p.get('role') == 'SUPPORTS' else 'led or supported'} by {p.get('agency')}",
            "agency_task_count": f"number of tasks {'led' if p.get('role') == 'LEADS' else 'supported' if p.get('role') == 'SUPPORTS' else 'led or supported'} by {p.get('agency')}",
            "top_agencies": f"{p.get('type') or 'agencies'} ranked by tasks {'supported' if p.get('by') == 'supported' else 'led'}{' in ' + p['place'] if p.get('place') else ''}",
            "partners": f"agencies sharing most tasks with {p.get('agency')}",
            "technology_tasks": f"tasks involving {p.get('technology')}{' in ' + p['place'] if p.get('place') else ''}",
            "technology_places": f"provinces and plans mentioning {p.get('technology')}",
            "indicator_target": f"target for {', '.join(p.get('indicators', []))}{' in ' + (p.get('place') or p.get('plan')) if p.get('place') or p.get('plan') else ' in every plan'}",
            "plan_indicators": f"indicators of {p.get('plan')}",
            "neighbourhood": f"what {p.get('node')} is connected to",
            "path": f"shortest path between {p.get('source')} and {p.get('target')}",
            "list_plans": "plans" + (f" of {p['place']}" if p.get("place") else ""), "list_provinces": "provinces with plans",
            "list_agencies": "agencies" + (f" in {p['place']}" if p.get("place") else ""),
        }
        return ("我的理解:" + zh[intent]) if lang == "zh" else ("I read this as: " + en[intent])

    def _sentence(self, intent: str, p: dict, rows: list[dict], lang: str, shape: str) -> str:
        n = len(rows)
        zh = lang == "zh"
        if not rows:
            return "没有找到结果。" if zh else "Nothing found."
        if intent == "agency_task_count":
            c = rows[0]["count"]
            return f"{p['agency']} {'牵头' if p['role'] == 'LEADS' else '配合' if p['role'] == 'SUPPORTS' else '承担'} {c} 项任务。" if zh else \
                f"{p['agency']} {'leads' if p['role'] == 'LEADS' else 'supports' if p['role'] == 'SUPPORTS' else 'leads or supports'} {c} task{'s' if c != 1 else ''}."
        if intent == "top_agencies":
            r = rows[0]
            return f"{r['agency']} 牵头 {r['led']} 项、配合 {r['supported']} 项,居首位。" if zh else \
                f"{r['agency']} comes first: it leads {r['led']} and supports {r['supported']} tasks."
        if intent == "partners":
            r = rows[0]
            return f"与 {p['agency']} 共同承担任务最多的是 {r['partner']}({r['shared_tasks']} 项)。" if zh else \
                f"{r['partner']} shares the most tasks with {p['agency']} ({r['shared_tasks']})."
        if intent == "indicator_target":
            parts = [f"{r['province']} {r['target']}{'(' + str(r['target_year']) + ')' if r.get('target_year') else ''}" for r in rows[:5]]
            return ("目标:" + ";".join(parts) + "。") if zh else ("Target: " + "; ".join(parts) + ".")
        if intent == "path":
            return ("路径:" if zh else "Path: ") + " → ".join(rows[0]["path"])
        if shape == "count" or n > 8:
            what = {"agency_tasks": ("项任务", "tasks"), "technology_tasks": ("项任务", "tasks"), "plan_indicators": ("个指标", "indicators"),
                    "list_plans": ("个规划", "plans"), "list_agencies": ("个机构", "agencies"), "list_provinces": ("个省份", "provinces"),
                    "technology_places": ("个规划", "plans"), "neighbourhood": ("个相邻节点", "neighbours")}[intent]
            return f"共 {n} {what[0]}。" if zh else f"{n} {what[1]}."
        col = next(iter(rows[0]))
        items = ", ".join(str(r.get("title") or r[col]) for r in rows)
        return f"共 {n} 项:{items}。" if zh else f"{n}: {items}."

    def _not_understood(self, question: str, lang: str, entities: list[Entity], t0: float, why: str, candidates=()) -> Answer:
        closest = [*candidates, *[e.id for e in entities]][:5]
        if not closest and question.strip():
            from rapidfuzz import fuzz, process

            closest = [self.d.surfaces[m[0]][0][1] for m in process.extract(normalise(question)[:60].lower(), self.d.names, scorer=fuzz.partial_ratio, limit=3, score_cutoff=70)]
        msg = "没有理解这个问题。" if lang == "zh" else "Sorry, I did not understand this question."
        if why.startswith("not in the graph"):
            what = why.split(": ", 1)[1]
            msg = f"图谱中没有关于「{what}」的规划,无法回答。" if lang == "zh" else f"No plan in the graph covers {what}, so I cannot answer this."
        elif why == "ambiguous agency":
            msg = "这个机构名称对应多个机构,请加上省份或城市。" if lang == "zh" else "That agency name fits several agencies; please add the province or city."
        a = Answer(question, False, None, [_entity_json(e) for e in entities], None, {}, msg, [], suggestions=EXAMPLES[lang],
                   closest=list(dict.fromkeys(closest)), passages=self.passages(question, entities), lang=lang)
        a.ms = 1000 * (time.perf_counter() - t0)
        return a

    def passages(self, question: str, entities: list[Entity] | None = None, limit: int = 5) -> list[dict]:
        """Keyword fallback: project texts that contain the question's words, most words first."""
        import jieba

        text = normalise(question)
        if entities is None:
            entities = link(text, self.d)
        words = {w for w in jieba.cut(text) if len(w) >= 2 and re.search(r"[\u4e00-\u9fff]", w) and not _CJK_FILLER.fullmatch(w)}
        words |= {e.surface for e in entities if re.search(r"[\u4e00-\u9fff]", e.surface)}
        words = sorted(words, key=len, reverse=True)[:6]
        if not words:
            return []
        rows = self.store.query(
            "MATCH (p:Project) WITH p, size([w IN $words WHERE p.text CONTAINS w]) AS hits WHERE hits > 0 "
            "RETURN p.id AS project, p.plan AS plan, p.section AS section, p.title AS title, p.text AS text, hits "
            "ORDER BY hits DESC, project LIMIT $limit", {"words": words, "limit": limit})
        for r in rows:
            w = next(w for w in words if w in r["text"])
            i = r["text"].find(w)
            r["quote"] = r.pop("text")[max(0, i - 40) : i + 80]
        return rows


def _entity_json(e: Entity) -> dict:
    return {"kind": e.kind, "id": e.id, "surface": e.surface, **({"candidates": e.candidates} if e.candidates else {})}


def ask(store, question: str) -> Answer:
    return Asker(store).ask(question)

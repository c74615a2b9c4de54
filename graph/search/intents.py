"""Stage 4: what the question asks — cue words, the agencies it names, the plans it points at,
and the intent with its parameters.

Everything here is a plain function of the normalised text, the linked entities and the
dictionary (no store), so each rule can be tested alone.

>>> sorted(cues("浙江省经信委牵头哪些任务?"))
['lead', 'list', 'tasks']
>>> asked_for("Which provinces mention IoT?"), asked_for("哪些部门负责电子政务")
('provinces', 'agencies')
>>> hostile("MATCH (n) DETACH DELETE n"), hostile("DELETE all agencies"), hostile("哪些任务没有牵头单位?")
(True, True, False)
>>> comparative("浙江和安徽哪个省任务更多?"), comparative("Anhui DRC vs Anhui EITC"), comparative("浙江省经信委牵头哪些任务")
(True, True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .link import STOPWORDS_EN, Dictionary, Entity, short_place
from .normalise import period as _period
from .normalise import years as _years

CUES = {
    "lead": r"牵头|主导|主抓|主责|\blead(s|ing)?\b|\bled\b|\bleds\b|in charge",
    "support": r"配合|协助|协办|\bsupport(s|ing|ed)?\b|\bassist(s|ing)?\b|\bhelp(s|ing)?\b",
    "tasks": r"任务|工作|项目|事项|承担|负责|参与|\btasks?\b|\bprojects?\b|\bassign(ed|ments?)?\b|\bduties\b|\bwork(s|ing)? on\b|"
             r"\bactions?\b|\bresponsib|\binvolv|\bparticipat|\bdoing\b|\bhandles?\b",
    "count": r"多少|几个|几项|几条|几份|数量|数目|\bhow many\b|\bnumber of\b|\bcount\b|\bhow much\b",
    "most": r"最多|最高|最大|排名|排行|前几|最忙|排第一|第一|首位|更多|\btop\b|\bmost\b|\bmore\b|\brank|\bbusiest\b|\bheaviest\b|"
            r"\bbiggest\b|\blargest\b|\bfirst\b|\bnumber one\b|\bhighest\b",
    "partner": r"合作|共同|协同|协作|一起|搭档|\bshare[sd]?\b|\bsharing\b|\btogether\b|\bpartner|\bwork(s)? with\b|\bco-?responsib|"
               r"\bcollaborat|\bco-?own|\bco-?lead|\bjointly\b|\balongside\b|\bco-?operat",
    "where": r"哪些省|哪个省|哪些规划|哪个规划|哪些地方|哪里|哪些地区|\bwhich (provinces?|plans?|places|regions|jurisdictions)\b|\bwhere\b",
    "indicator": r"目标|指标|基期|基数|达到|目标值|\btargets?\b|\bbaselines?\b|\bgoals?\b|\bindicators?\b|\baim(s|ing)?\b|\bwant\b",
    "path": r"路径|之间|怎么关联|如何关联|什么关系|有何关系|联系|\bpath\b|\bconnect\b|\bconnect(ed|ion)? (between|to)\b|\bbetween\b|"
            r"\bhow (is|are) .* (related|connected|linked)",
    "neighbour": r"邻域|关联|相关|周边|连接|相连|连着|节点|\bneighbou?r|\bconnected\b|\blinked\b|\brelated\b",
    "list": r"列出|列表|有哪些|哪些|哪几|所有|全部|收录|\blist\b|\ball\b|\bwhich\b|\bwhat\b|\bshow\b",
    "plans": r"规划|方案|要点|计划|文件|文档|\bplans?\b|\bdocuments?\b|\bkey points\b",
    "issued": r"印发|发布|出台|颁布|\bissued\b|\bpublished\b|\breleased\b",
    "provinces": r"省份|哪些省|省市|地区|\bprovinces?\b|\bjurisdictions?\b|\bregions?\b",
    "agencies": r"部门|机构|单位|\bagenc(y|ies)\b|\bdepartments?\b|\bbodies\b|\boffices?\b|\bbureaus?\b|\bwho\b|\bgovernments?\b|"
                r"\borgani[sz]ations?\b",
}
_ONLY_SUPPORT = re.compile(r"不牵头|非牵头|只配合|仅配合|只是配合|\bnot lead|\bonly support|\bdoesn't lead|\bdo not lead|\bwithout leading")
_ONLY_LEAD = re.compile(r"不配合|只牵头|仅牵头|\bonly lead|\bnot support")
_CJK_FILLER = re.compile(
    r"请问|请|一下|告诉我|我想知道|查询|查看|显示|给出|哪些|哪个|什么|多少|的|了|吗|呢|吧|啊|是|有|在|和|与|及|中|里|上|下|"
    r"对|把|被|为|由|个|项|条|些|都|也|还|就|谁|哪|几|各|该|其|这|那|省|市|年|期间|时期|方面|情况|内容|分别|以及|还有|"
    r"一共|总共|共|最|比较|涉及|提到|提及|包括|关于|设定|设置|制定|提出|要求|计划|规划|方案|任务|工作|部门|机构|单位|"
    r"牵头|负责|配合|参与|目标|指标|数量|省份|地区|地方|技术|应用|发展|推进|建设|情况|如何|怎么|怎样|是否|能否|可以|"
    r"相关|关系|关联|之间|邻域|列出|所有|全部|排名|数|值|基期|基数|达到|要|到|从|和|同|跟|合作|共同|一起|协同|目前|现在|图谱|"
    r"份|几份|那份|这份|收录|里|印发|发布|出台|更多|多|少|还是|或者|或|比|一样|相同|哪一年|时候|发布的|期限"
)
CUES_ALL = "|".join(f"(?:{p})" for p in CUES.values())

_WH_EN = re.compile(r"\b(?:which|what)\s+((?:[a-z\-']+\s+){0,2}[a-z\-]+)")
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


def role_of(text: str, c: set[str]) -> str:
    """'LEADS', 'SUPPORTS' or '' (either) as the question asks."""
    low = text.lower()
    if _ONLY_SUPPORT.search(low):
        return "SUPPORTS"
    if _ONLY_LEAD.search(low):
        return "LEADS"
    return "LEADS" if "lead" in c and "support" not in c else "SUPPORTS" if "support" in c and "lead" not in c else ""


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


# ---------------------------------------------------------------- requests the box refuses

_CODE = re.compile(
    r"\b(match|merge|create|optional match)\s*\(|\bdetach\s+delete\b|\bdrop\s+(table|database|index|graph)\b|"
    r"\bcall\s+[a-z_]+\.|\bload\s+csv\b|\bset\s+\w+\.\w+\s*=|;\s*--|'\s*;|\bunion\s+select\b|<script",
    re.I)
_WRITE_VERB = re.compile(
    r"^\s*(please\s+)?(delete|drop|remove|erase|wipe|truncate|update|insert|rename|modify|change|overwrite|add|create)\b|"
    r"删除|删掉|删去|清空|清除|修改|改成|改为|改名为|篡改|插入|写入|新增一个|添加一个|"
    r"ignore (all )?(the )?(previous|prior|above)|system prompt|忽略(之前|以上|上面|前面)|提示词|密码",
    re.I)


_NOT_HELD = re.compile(
    r"预算|资金|经费|拨款|花了多少钱|多少钱|GDP|人口|天气|气温|股价|股票|价格|市长|省长|主任是|局长|厅长|书记|负责人是|领导是谁|"
    r"工资|薪水|电话|地址|网址|邮箱|笑话|好不好|怎么样|值得|借鉴|评价|为什么|原因|进展|完成了吗|完成情况|成效|效果如何|"
    r"\bbudgets?\b|\bfunding\b|\bfunds?\b|\bmoney\b|\bspend|\bcost|\bgdp\b|\bpopulation\b|\bpeople live\b|"
    r"\bweather\b|\btemperature\b|\bstock\b|\bshare price\b|\bprice\b|\bmayor\b|\bgovernor\b|\bdirector\b|\bminister\b|"
    r"\bhead of\b|\bwho heads\b|\bsalary\b|\bphone\b|\baddress\b|\bwebsite\b|\bemail\b|\bjoke\b|\bbest\b|\bbetter\b|"
    r"\bworst\b|\bworse\b|\bopinion\b|\bthink\b|\bwhy\b|\bon track\b|\bprogress\b|\bachieved?\b|\bsucce(?:ss|ed)|"
    r"\brecipe\b|\bcook\b|\bwon\b|\bwin\b|\bcapital of\b", re.I)


def not_held(rest: str) -> str | None:
    """A word asking for something the graph does not hold (budgets, people, opinions, weather);
    ``rest`` is the question with the names it links taken out."""
    m = _NOT_HELD.search(rest)
    return m.group(0) if m else None


def hostile(text: str) -> bool:
    """Code, an injection or a request to change the graph: the search box only reads."""
    return bool(_CODE.search(text) or _WRITE_VERB.search(text))


def before_code(text: str) -> str | None:
    """A question with code pasted after it ('Which tasks does X lead?"}) MATCH (n) DETACH
    DELETE n //'): the question before the code, when there is one; None when the text is a
    request to change the graph or nothing but code."""
    if _WRITE_VERB.search(text):
        return None
    m = _CODE.search(text)
    if not m:
        return text
    head = re.sub(r"[\s\"'`{}()\[\];/\\]+$", "", text[: m.start()]).strip()
    enough = len(re.findall(r"[\u4e00-\u9fff]", head)) >= 4 or len(re.findall(r"[A-Za-z]{2,}", head)) >= 3
    return head if enough else None


# ---------------------------------------------------------------- comparisons and other shapes

_COMPARE = re.compile(
    r"更多|较多|多还是|还是.{0,12}多|哪个.{0,12}多|谁.{0,10}多|哪个.{0,8}少|谁.{0,8}少|比.{1,12}多|相比|对比|比较|"
    r"\bvs\.?\b|\bversus\b|\bmore\b|\bfewer\b|\bless\b|\bcompared?\b|\bor\b.*\?|\bwhich (?:one|of the two)\b",
    re.I)
_WHO = re.compile(
    r"谁|哪个部门|哪些部门|哪个单位|哪些单位|哪个机构|哪些机构|哪家|牵头单位|牵头部门|配合单位|配合部门|责任单位|负责单位|参与单位|"
    r"\bwho\b|\bwhich (?:\w+ )?(?:agenc|department|bod|office|bureau|unit|organi)|\bwhat (?:\w+ )?(?:agenc|department|bod|office)|"
    r"\b(?:lead|leading|supporting|responsible) (?:agenc|department|bod|unit)",
    re.I)
_PLURAL_WHO = re.compile(r"哪些(?:部门|机构|单位)|\bwhich (?:\w+ )?(?:agencies|departments|bodies|offices|bureaus|units)\b|"
                         r"\bwhat (?:agencies|departments|bodies)\b", re.I)
_ROLE_SLOT = re.compile(r"牵头单位|牵头部门|配合单位|配合部门|参与单位|\bsupporting\b|\bco-?leads?\b|\bsupport\b|\bsupports\b", re.I)
_TASK_WORD = re.compile(r"任务|行动|工程|项目|专项|\btask\b|\baction\b|\bproject\b|\bprogramme\b|\binitiative\b", re.I)
_RESPONSIBLE = re.compile(r"负责|主管|承担|管|\bresponsible\b|\bhandles?\b|\bin charge\b|\bcharge of\b|\bown(s)?\b", re.I)
_NO_LEAD = re.compile(r"没有牵头|无牵头|未明确牵头|没牵头|缺少牵头|缺牵头|不明确牵头|没有.{0,4}牵头单位|"
                      r"\bwithout (?:a |any )?lead|\bno lead|\bunled\b|\bnot led\b|\black(?:ing|s)? (?:a )?lead|\bwith no lead", re.I)
_TECH_LIST = re.compile(r"哪些技术|什么技术|哪几种技术|技术有哪些|涉及.{0,4}技术|\b(?:which|what) technolog", re.I)
_PLAN_FACT = {
    "issuer": re.compile(r"谁发布|谁印发|谁制定|发布单位|印发单位|发文单位|发布机关|由谁|哪个部门发布|哪个单位发布|"
                         r"\bwho (?:issued|published|released|wrote|signed)\b|\bissued by\b|\bissuer\b", re.I),
    "year": re.compile(r"哪一年|哪年|什么时候|何时|发布时间|印发时间|\bwhen\b|\bwhat year\b|\bwhich year\b", re.I),
    "period": re.compile(r"规划期|期限|时段|覆盖.{0,3}(?:年|时期)|\bperiod\b|\bwhat years\b|\bspan\b|\btime ?frame\b", re.I),
}
_LINEAGE = re.compile(r"沿革|前身|更名|改名|后来叫|继任|撤销|合并|\blineage\b|\bpredecessor|\bsuccessor|\brenamed\b|\bmerged\b", re.I)
_TYPES = re.compile(r"哪类机构|哪类部门|机构类型|部门类型|哪种类型|\btypes? of (?:agenc|bod|department)|\bagency types?\b", re.I)


def comparative(text: str) -> bool:
    return bool(_COMPARE.search(text))


def asks_who(text: str) -> bool:
    return bool(_WHO.search(text))


def asks_plural_who(text: str) -> bool:
    return bool(_PLURAL_WHO.search(text))


def names_a_task(text: str) -> bool:
    return bool(_TASK_WORD.search(text) or _ROLE_SLOT.search(text))


def asks_responsible(text: str) -> bool:
    return bool(_RESPONSIBLE.search(text))


def asks_without_lead(text: str) -> bool:
    return bool(_NO_LEAD.search(text))


def asks_technologies(text: str) -> bool:
    return bool(_TECH_LIST.search(text))


def asks_lineage(text: str) -> bool:
    return bool(_LINEAGE.search(text))


def asks_types(text: str) -> bool:
    return bool(_TYPES.search(text))


def plan_fact(text: str) -> str | None:
    """Which fact about a plan the question asks: its issuer, its year, its period."""
    for what, pat in _PLAN_FACT.items():
        if pat.search(text):
            return what
    return None


def kinds_asked(text: str) -> list[str]:
    """The kind of project a count or list asks for ("专栏", "key actions"); [] for plain tasks."""
    from .templates import KIND_WORDS

    low = text.lower()
    return [kind for kind, pat in KIND_WORDS if re.search(pat, low)][:1]


# ---------------------------------------------------------------- agencies as the question names them


@dataclass
class Mention:
    """An agency as the question names it: an alias or a type, with the place that qualifies it."""

    start: int
    agency: str | None
    candidates: list[str]
    fuzzy: bool = False
    end: int = 0
    kind: str = "agency"


def mentions(entities: list[Entity], text: str, d: Dictionary) -> tuple[list[Mention], set[int]]:
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
        written_in = any(e.surface.startswith(short_place(p.id)) for p in places) or any(
            e.surface.startswith(s) for s in d.short_places)
        if qualifier is None and len(places) == 1 and not written_in:
            qualifier = places[0]
        if qualifier is not None and (len(places) == 1 or qualifier.end <= e.start or e.end <= qualifier.start):
            used.add(id(qualifier))
        agency, cands = resolve(e, qualifier.id if qualifier else None, d)
        out.append(Mention(e.start, agency, cands, e.fuzzy or bool(qualifier and qualifier.fuzzy), e.end, e.kind))
    return out, used


def resolve(e: Entity, place: str | None, d: Dictionary) -> tuple[str | None, list[str]]:
    """The agency a name means in a place: one id, or none and the candidates."""
    if e.kind == "agency_type":
        cands = [a["id"] for a in d.agencies.values() if a["type"] == e.id and not a["collective"]]
        if place:
            cands = [c for c in cands if in_place(c, place, d)]
        else:
            return None, []  # a type without a place names no single agency
    else:
        cands = e.candidates or [e.id]
        if place:
            here = [c for c in cands if in_place(c, place, d)]
            if not here:
                # "安徽省经信委": Zhejiang's abbreviation, Anhui's commission of the same type.
                types = {d.agencies[c]["type"] for c in cands}
                here = [a["id"] for a in d.agencies.values() if a["type"] in types and not a["collective"] and in_place(a["id"], place, d)]
            cands = here
    cands = list(dict.fromkeys(cands))
    if len(cands) > 1:
        cands = [c for c in cands if not d.agencies[c]["collective"]] or cands
    return (cands[0], []) if len(cands) == 1 else (None, cands)


def in_place(agency_id: str, place: str, d: Dictionary) -> bool:
    a = d.agencies[agency_id]
    if a["jurisdiction"] == place:
        return True
    # A city's body named in a province's plan belongs to that province too.
    return bool(set(d.plans_by_place.get(place, [])) & set(d.plans_by_place.get(a["jurisdiction"], []))) or (
        a["jurisdiction"] not in d.plans_by_place and agency_id.startswith(short_place(place)))


# ---------------------------------------------------------------- plans as the question names them

_DOC_KIND = re.compile(r"工作要点|要点|实施方案|行动方案|行动计划|分工方案|分工表|规划|方案|计划|意见|"
                       r"key points|work plan|action plan|implementation plan|\bplan\b", re.I)
_DOC_KIND_EN = {"key points": "要点", "work plan": "方案", "action plan": "行动", "implementation plan": "实施方案"}


def covers(plan: dict, period: tuple[int, int]) -> bool:
    if not period[0]:
        return True
    return (plan.get("period_start") or 0) <= period[0] and (plan.get("period_end") or 0) >= period[1]


def plans_for(place: str | None, year: int | None, period: tuple[int, int], kind_word: str | None, d: Dictionary,
              words: str = "") -> list[str]:
    """Plans of a place (its province or jurisdiction), of a year (issued, else its period), of a
    period, whose title has the document kind named ("工作要点", "key points")."""
    ids = list(d.plans) if not place else list(d.plans_by_place.get(place, []))
    plans = [d.plans[i] for i in ids]
    if year:
        issued = [p for p in plans if p.get("year") == year]
        plans = issued or [p for p in plans if (p.get("period_start") or 0) <= year <= (p.get("period_end") or 0)]
    plans = [p for p in plans if covers(p, period)]
    if kind_word and len(plans) > 1:
        k = _DOC_KIND_EN.get(kind_word.lower(), kind_word)
        titled = [p for p in plans if k in (p.get("title") or "")]
        plans = titled or plans
    if words and len(plans) > 1:
        from .retrieve import tokens

        want = set(tokens(words))
        scored = sorted(((len(want & set(tokens(p.get("title") or ""))), p["id"]) for p in plans), reverse=True)
        if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return [scored[0][1]]
    return sorted(p["id"] for p in plans)


def plan_references(text: str, entities: list[Entity], d: Dictionary, skip: set[int] = frozenset()) -> list[tuple[str, list[str]]]:
    """Each place the question names with the year and document kind that follow it, as plans:
    "浙江2016年工作要点和清远实施方案" → [(浙江省, [zhejiang-2016…]), (清远市, [qingyuan-2014…])].
    Places in ``skip`` (ids of entities that qualify an agency) are not plan references."""
    out = []
    plans = [e for e in entities if e.kind == "plan"]
    for e in plans:
        out.append((e.id, [e.id]))
    places = [e for e in entities if e.kind == "place" and id(e) not in skip]
    for i, e in enumerate(places):
        if any(p.start <= e.start < p.end for p in plans):
            continue
        end = places[i + 1].start if i + 1 < len(places) else len(text)
        tail = text[e.end : end]
        ys = _years(tail) or (_years(text) if len(places) == 1 else [])
        per = _period(tail) if _period(tail)[0] else (_period(text) if len(places) == 1 else (0, 0))
        kind = _DOC_KIND.search(tail)
        out.append((e.id, plans_for(e.id, ys[0] if ys else None, per, kind.group(0) if kind else None, d, tail)))
    return out


# ---------------------------------------------------------------- the first intents: agencies, rankings, technologies, indicators


def classic(text: str, entities: list[Entity], c: set[str], ments: list[Mention], used: set[int],
            d: Dictionary) -> tuple[str | None, dict, str]:
    """The intent, its parameters and the answer's shape for questions about a named agency, a
    ranking, a technology, an indicator, a path or a listing; (None, {}, "") when none fits."""
    agencies = [m.agency for m in ments if m.agency]
    all_places = [e.id for e in entities if e.kind == "place"]
    place = all_places[0] if all_places else ""
    techs = [e.id for e in entities if e.kind == "technology"]
    indicators = [e for e in entities if e.kind == "indicator"]
    plans = [e.id for e in entities if e.kind == "plan"]
    types = [e.id for e in entities if e.kind == "agency_type"]
    period = _period(text)
    wanted = asked_for(text)
    role = role_of(text, c)
    ordered = sorted([(m.start, m.agency) for m in ments if m.agency] + [(e.start, e.id) for e in entities
                     if e.kind in ("technology", "plan") or (e.kind == "place" and id(e) not in used)])
    nodes = list(dict.fromkeys(x for _, x in ordered))
    if len(nodes) >= 2 and ("path" in c or ("neighbour" in c and "tasks" not in c)):
        return "path", {"source": nodes[0], "target": nodes[1]}, "path"
    agency = agencies[0] if agencies else None
    if agency:
        if asks_lineage(text):
            return "agency_lineage", {"agency": agency}, "list"
        if "partner" in c:
            return "partners", {"agency": agency}, "partners"
        if "count" in c:
            return "agency_task_count", {"agency": agency, "role": role or "ALL"}, "count"
        if c & {"lead", "support", "tasks"} and not ("most" in c and not ments):
            return "agency_tasks", {"agency": agency, "role": role}, "tasks"
        if "neighbour" in c:
            return "neighbourhood", {"node": agency}, "neighbourhood"
        if "list" in c and wanted in (None, "tasks") and not (techs or indicators or "indicator" in c):
            return "agency_tasks", {"agency": agency, "role": role}, "tasks"  # "what is X on the hook for"
    if "most" in c and (c & {"lead", "support", "tasks", "agencies"} or types) and not techs:
        by = "supported" if role == "SUPPORTS" else "led" if role == "LEADS" or "lead" in c else "total"
        if by == "total" and not re.search(r"承担|负责|牵头加配合|加配合|\binvolv|\bresponsib|\btotal\b|\boverall\b|\bboth\b", text, re.I):
            by = "led"
        return "top_agencies", {"place": place if place in d.places_with_plans else "", "type": types[0] if types else "",
                                "by": by}, "top"
    if len(nodes) == 1 and "neighbour" in c and not (techs and "tasks" in c):
        return "neighbourhood", {"node": nodes[0]}, "neighbourhood"
    if "indicator" in c and wanted == "indicator" and not indicators and (plans or place):
        candidates = [p for p in (plans or d.plans_by_place.get(place, [])) if covers(d.plans[p], period)]
        return ("plan_indicators", {"plan": candidates[0]}, "indicators") if len(candidates) == 1 else (None, {}, "")
    if indicators and (c & {"indicator", "count", "list"} or not techs):
        names = indicators[0].candidates or [indicators[0].id]
        return "indicator_target", {"indicators": names, "place": place, "plan": plans[0] if plans else ""}, "indicator"
    if techs:
        if wanted in ("plans", "provinces") or ("where" in c and wanted != "tasks") or (
                wanted is None and "list" in c and c & {"plans", "provinces"} and "tasks" not in c):
            return "technology_places", {"technology": techs[0]}, "places"
        return "technology_tasks", {"technology": techs[0], "place": place}, "count" if "count" in c else "tasks"
    if "indicator" in c and (plans or (place and d.plans_by_place.get(place))):
        candidates = plans or d.plans_by_place[place]
        candidates = [p for p in candidates if covers(d.plans[p], period)]
        if len(candidates) == 1:
            return "plan_indicators", {"plan": candidates[0]}, "count" if "count" in c else "indicators"
        return None, {}, ""
    if c & {"list", "count"} and wanted in ("agencies", "plans", "provinces"):
        return _listing(wanted, c, place, period, text)
    if c & {"list", "count"} and wanted is None:
        if "agencies" in c and "plans" not in c:
            return "list_agencies", {"place": place}, "count" if "count" in c else "list"
        if "plans" in c:
            return _listing("plans", c, place, period, text)
        if "provinces" in c:
            return "list_provinces", {}, "count" if "count" in c else "list"
    return None, {}, ""


def _listing(wanted: str, c: set[str], place: str, period: tuple[int, int], text: str):
    shape = "count" if "count" in c else "list"
    if wanted == "agencies":
        return "list_agencies", {"place": place}, shape
    if wanted == "provinces":
        return "list_provinces", {}, shape
    ys = _years(text)
    if ys and not period[0]:
        return "list_plans", {"place": place, "period_from": 0, "period_to": 0, "year": ys[0]}, shape
    return "list_plans", {"place": place, "period_from": period[0], "period_to": period[1], "year": 0}, shape

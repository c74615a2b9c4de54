"""Plan metadata: flags and the sidecar <plan>.toml first, then what the text itself says.

Plans copied from the web open with page furniture (索引号, 来源, 发布时间, 当前位置 …),
often a notice ("XX市人民政府办公室关于印发《…》的通知"), then the title line. The
title comes from the notice's 《…》, else from the first line that reads like a
plan's title; a comment, URL, "来源:" or menu line never is one. The jurisdiction is
the first place the title names (数字山东2019行动方案 → 山东省), else the issuer's,
else the first place in the opening text (with a warning), and the gazetteer gives
its province. The year is the date the document was signed or published, else the
year its title names, else the start of its period.

>>> from loaders.read import Source
>>> src = Source("x.txt", "", "utf-8", "", "来源:网站\\n青岛市人民政府办公厅关于印发《数字青岛2022年行动方案》的通知\\n2022年3月1日\\n")
>>> meta, warnings = read_meta(Source("x.txt", "", "utf-8", src.norm, src.norm))
>>> meta.title, meta.jurisdiction, meta.province, meta.issuer, meta.year
('数字青岛2022年行动方案', '青岛市', '山东省', '青岛市人民政府办公厅', 2022)
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from . import gazetteer
from .errors import LoaderError
from .read import Source
from .records import PlanMeta

# A document number on a line of its own (not one cited in a sentence): "川府发〔2017〕62号".
_DOC_NO = re.compile(r"(?:^|文\s*号\s*[:|]?\s*\|?\s*)([\u4e00-\u9fff]{1,8}\s*\(\d{4}\)\s*\d+\s*号)", re.M)
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_LABELLED_DATE = re.compile(
    r"(成文日期|发文日期|印发日期|颁布日期|发布日期|发布时间|生成日期|日期|时间)\s*[:|]?\s*\|?\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")
# "2021-04-09 10:00 来源:武胜县人民政府": a news page's byline (a bare date may be the crawl's today).
_DATED_BYLINE = re.compile(r"^()(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})(?=.*(?:来源|发布|作者))")
_PERIOD = re.compile(r"\((\d{4})\s*[-—–至~]\s*(\d{4})年?\)|(\d{4})\s*[-—–至~]\s*(\d{4})年")
_FYP = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
_NOTICE = re.compile(r"(?P<issuer>[\u4e00-\u9fff()¶]{2,40}?)?关于(?:印发|转发|下发|发布|公布)?《(?P<title>[^》¶]{4,90})》的通知")
_NOTICE_PLAIN = re.compile(r"(?P<issuer>[\u4e00-\u9fff()¶]{2,40}?)?关于(?:印发|转发|下发|发布)(?P<title>[^《》¶]{4,90}?)的通知")
# Lines that are page furniture, never a title.
_NOISE = re.compile(
    r"^(?:#|//|<!--|https?://|www\.)|https?://|来源|索\s*引\s*号|发布(?:时间|日期|机构)|更新时间|浏览|字号|字体|分享|打印|"
    r"当前位置|首页|欢迎|星期|点击|阅读|责任编辑|扫一扫|^\s*\|?\s*(?:文\s*号|名\s*称|主题分类|有\s*效\s*性|生成日期|发文机关|成文日期)|"
    r"^\d{4}\s*[-年]\s*\d{1,2}|^[\d\s:.\-/|]+$"
)
_TITLE_WORDS = re.compile(r"规划|方案|要点|计划|意见|纲要|办法|通知|措施|举措|细则|安排|行动|任务|工作|报告|条例|决定|指南|实施|目标")
_ISSUER_END = re.compile(r"(?:人民政府|政府|办公厅|办公室|委员会|领导小组|小组|厅|局|委|办)$")


def plan_id_for(path: str | Path) -> str:
    stem = Path(path).stem
    return re.sub(r"[^0-9A-Za-z\u4e00-\u9fff_-]+", "-", stem).strip("-") or "plan"


def sidecar(path: str | Path) -> dict:
    p = Path(path).with_suffix(".toml")
    if not p.exists():
        return {}
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise LoaderError("L006", str(p), f"not valid TOML ({err})") from err


def read_meta(src: Source, overrides: dict | None = None) -> tuple[PlanMeta, list[str]]:
    """Metadata for one plan; warnings say where a value is a guess."""
    meta = {**sidecar(src.path), **(overrides or {})}
    warnings: list[str] = []
    head = src.norm[:4000]
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    found_title, found_issuer, title_sure = read_title(lines)
    title = meta.get("title") or found_title or Path(src.path).stem
    if not meta.get("title") and not title_sure:
        warnings.append(f"{src.path}: no title line found; the file name {title!r} stands in (give --title)")
    issuer = meta.get("issuer") or found_issuer
    issued = meta.get("issued") or _issued(lines)
    period = meta.get("period") or _period(title, head)
    place, how = _place(meta, title, issuer, head)
    if place is None and not meta.get("jurisdiction"):
        warnings.append(f"{src.path}: jurisdiction not stated; give it in {Path(src.path).with_suffix('.toml').name} or with --jurisdiction")
    elif how == "text":
        warnings.append(f"{src.path}: jurisdiction read from the text ({place.name}), not the title; give --jurisdiction if it is wrong")
    jurisdiction = meta.get("jurisdiction") or (place.name if place else "未知")
    province = meta.get("province") or (place.province if place else _province_of(jurisdiction))
    city = meta.get("city") or _city_of(jurisdiction, place)
    year = _year(issued, title, period)
    return PlanMeta(
        id=meta.get("id") or plan_id_for(src.path), title=title, jurisdiction=jurisdiction, province=province or "", city=city,
        issuer=issuer, issued=str(issued) if issued else None, year=year,
        period_start=period[0] if period else None, period_end=period[1] if period else None,
        doc_number=_doc_number(src, head), source_file=Path(src.path).name,
        sha256=src.sha256, encoding=src.encoding, title_en=meta.get("title_en"), kind=meta.get("kind"),
    ), warnings


def read_title(lines: list[str]) -> tuple[str | None, str | None, bool]:
    """(title, issuer, sure) from the opening lines of a plan."""
    # Spaces and line breaks inside a notice (wrapped lines, blanked pinyin) do not count.
    compact = re.sub(r"\s+", "", "\n".join(lines[:40]).replace("\n", "¶"))
    found = _notice_title(compact)
    if found:
        return found[0], found[1], True
    for ln in lines[:30]:
        if (_NOISE.search(ln) or ln.endswith((":", "：")) or ln.startswith(("各", "<", "(", "《")) or "。" in ln[:-1]
                or "," in ln or _HEADING_START.match(ln)):
            continue
        text = _clean_title(ln)
        if 4 <= len(text) <= 80 and _TITLE_WORDS.search(text):
            return text, None, True
    return None, None, False  # the caller falls back to the file's name, with a warning


_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d{1,3}\s*[.、]|第[一二三四五六七八九十]+[章节条])")
# "《X》已经市政府同意,现印发给你们", "现将《X》印发给你们", "…办公厅印发《X》": the plan being issued.
_ISSUED_AS = [
    re.compile(r"《(?P<title>[^《》¶]{4,90})》(?:已经|已|经)[^。¶]{0,40}(?:同意|通过|审议)"),
    re.compile(r"现将《(?P<title>[^《》¶]{4,90})》[^。¶]{0,10}(?:印发|转发|下发|转给)"),
    re.compile(r"(?:印发|制定|出台)了?《(?P<title>[^《》¶]{4,90})》"),
]


def _notice_title(compact: str) -> tuple[str, str | None] | None:
    """Title and issuer from the notice that issues the plan; never from a document it cites."""
    for m in _NOTICE.finditer(compact):
        if compact.rfind("《", 0, m.start()) <= compact.rfind("》", 0, m.start()):
            return _clean_title(m.group("title")), _issuer(m.group("issuer"))
    for m in _NOTICE_PLAIN.finditer(compact):
        if compact.rfind("《", 0, m.start()) <= compact.rfind("》", 0, m.start()):
            return _clean_title(m.group("title")), _issuer(m.group("issuer"))
    for pat in _ISSUED_AS:
        m = pat.search(compact)
        if m:
            return _clean_title(m.group("title")), None
    return None


def _issuer(text: str | None) -> str | None:
    text = re.sub(r"^.*¶", "", (text or "").strip())
    return text if _ISSUER_END.search(text) else None


def _clean_title(text: str) -> str:
    text = re.sub(r"\s*\|.*$", "", text.strip().strip("|").strip())
    text = re.sub(r"^(?:名\s*称|标\s*题)\s*[:|]\s*", "", text)
    return text.strip(" 《》")


def _place(meta: dict, title: str, issuer: str | None, head: str):
    """The plan's place and where it was read: 'given', 'title', 'issuer' or 'text'."""
    if meta.get("jurisdiction"):
        return gazetteer.place(meta["jurisdiction"], within=meta.get("province")), "given"
    for source, how in ((title, "title"), (issuer or "", "issuer")):
        found = _first_place(source, head)
        if found:
            return found, how
    found = _first_place(head[:1500], head)
    return (found, "text") if found else (None, "")


# "数字即墨", "智慧海淀": a campaign named after its place, which may be a county's short name.
_CAMPAIGN = re.compile(r"(?:数字|智慧|智能|美丽|平安|健康|宽带|网上)([\u4e00-\u9fff]{2,3}?)(?=\d|建设|行动|工作|发展|国际|[“”\"]|$)")


def _first_place(text: str, context: str):
    """The most specific place of the first run of places in ``text`` (青岛市即墨区 → 即墨区)."""
    hits = gazetteer.find(text)
    if not hits:
        m = _CAMPAIGN.search(text)
        return gazetteer.place(m.group(1)) if m else None
    run = [hits[0]]
    for h in hits[1:]:
        if h[0] - run[-1][1] > 1:
            break
        run.append(h)
    best = run[-1][2]
    if len(run) == 1 and best.level != "province":
        # a short name two places share (海南): prefer the one whose province the text names
        within = next((p.name for _, _, p in gazetteer.find(context[:1500]) if p.level == "province"), None)
        best = gazetteer.place(text[run[0][0] : run[0][1]], within=within) or best
    return best


def _province_of(jurisdiction: str) -> str:
    return gazetteer.province_of(jurisdiction) or ""


def _city_of(jurisdiction: str, place) -> str | None:
    if place is None:
        return jurisdiction if jurisdiction.endswith("市") and _province_of(jurisdiction) != jurisdiction else None
    if place.level == "city":
        return place.name
    if place.level == "county":
        return place.city
    return None


def _issued(lines: list[str]) -> str | None:
    """The signing date on a line of its own, else a labelled publication date."""
    for ln in lines[:60]:
        m = _DATE.match(ln)
        if m:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    for ln in lines[:20]:
        m = _LABELLED_DATE.search(ln) or _DATED_BYLINE.match(ln)
        if m and 1949 < int(m.group(2)) < 2100:
            return f"{int(m.group(2)):04d}-{int(m.group(3)):02d}-{int(m.group(4)):02d}"
    return None


def _year(issued, title: str, period) -> int | None:
    if issued and re.match(r"\d{4}", str(issued)):
        return int(str(issued)[:4])
    m = re.search(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)\s*年?(?!\s*[-—–至~])", title)
    if m:
        return int(m.group(1))
    return period[0] if period else None


def _period(title: str, head: str) -> tuple[int, int] | None:
    for text in (title, head[:300]):
        m = _PERIOD.search(text)
        if m:
            a, b = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            if int(a) <= int(b) <= int(a) + 15:
                return int(a), int(b)
        for k, v in _FYP.items():
            if k in text:
                return v
    m = re.search(r"(\d{4})\s*年", title)
    return (int(m.group(1)), int(m.group(1))) if m else None


def _doc_number(src: Source, head: str) -> str | None:
    doc = _DOC_NO.search(head)
    return re.sub(r"\s+", "", src.text[doc.start(1) : doc.end(1)]) if doc else None

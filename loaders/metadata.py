"""Plan metadata: the sidecar <plan>.toml where there is one, the text where it says more."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from . import lexicons
from .errors import LoaderError
from .read import Source
from .records import PlanMeta

# A document number on a line of its own (not one cited in a sentence): "川府发〔2017〕62号".
_DOC_NO = re.compile(r"^\s*([\u4e00-\u9fff]{1,8}\s*\(\d{4}\)\s*\d+\s*号)", re.M)
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_PERIOD = re.compile(r"\((\d{4})\s*[-—–至]\s*(\d{4})年?\)")
_FYP = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
PROVINCE_OF_CITY_SUFFIX = re.compile(r"^(.{2,3}(?:省|自治区|市))")


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
    meta = {**sidecar(src.path), **(overrides or {})}
    warnings = []
    head = src.norm[:3000]
    first_lines = [ln.strip() for ln in head.splitlines() if ln.strip()]
    title = meta.get("title") or (first_lines[0] if first_lines else Path(src.path).stem)
    doc = _DOC_NO.search(head)
    issued = meta.get("issued")
    if not issued:
        for ln in first_lines[:20]:
            m = _DATE.match(ln)
            if m:
                issued = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
                break
    period = meta.get("period") or _period(title + "\n" + head)
    jurisdiction = meta.get("jurisdiction") or _jurisdiction(title, lexicons.load().places)
    if not jurisdiction:
        warnings.append(f"{src.path}: jurisdiction not stated; give it in {Path(src.path).with_suffix('.toml').name} or with --jurisdiction")
        jurisdiction = "未知"
    province = meta.get("province") or (jurisdiction if jurisdiction.endswith(("省", "自治区")) or jurisdiction in ("北京市", "上海市", "天津市", "重庆市") else "")
    city = meta.get("city") or (jurisdiction if jurisdiction != province and jurisdiction.endswith("市") else None)
    year = int(str(issued)[:4]) if issued and re.match(r"\d{4}", str(issued)) else (period[0] if period else None)
    return PlanMeta(
        id=meta.get("id") or plan_id_for(src.path), title=title, jurisdiction=jurisdiction, province=province, city=city,
        issuer=meta.get("issuer"), issued=str(issued) if issued else None, year=year,
        period_start=period[0] if period else None, period_end=period[1] if period else None,
        doc_number=re.sub(r"\s+", "", src.text[doc.start(1) : doc.end(1)]) if doc else None, source_file=Path(src.path).name,
        sha256=src.sha256, encoding=src.encoding, title_en=meta.get("title_en"), kind=meta.get("kind"),
    ), warnings


def _period(text: str) -> tuple[int, int] | None:
    m = _PERIOD.search(text)
    if m:
        return int(m.group(1)), int(m.group(2))
    for k, v in _FYP.items():
        if k in text[:200]:
            return v
    m = re.search(r"(\d{4})年", text[:200])
    return (int(m.group(1)), int(m.group(1))) if m else None


def _jurisdiction(title: str, places: dict) -> str | None:
    """The first place the title names: a known one, else a word ending in 省/市 ("江西省")."""
    known = [(title.find(p), p) for p in places if p in title]
    if known:
        return min(known)[1]
    m = re.search(r"(?<![\d年])([\u4e00-\u9fff]{2,3}?(?:省|自治区|市))", title)
    return m.group(1) if m else None

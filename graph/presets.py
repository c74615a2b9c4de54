"""The preset library in cypher/: one query per file, its header the contract.

    -- title: 中文标题 | English title
    -- description: 中文说明 | English description (one line each)
    -- param: name = <JSON default> | 中文标签 | English label
    -- call: shortest_path            (optional: run through a store method instead)

A label or description without its own "|" is read as the Chinese up to the first Latin word
and the English from there ("机构 Agency" → 机构, Agency), so both halves are always there and
the app shows only the reader's language.

>>> split_label("机构 | Agency"), split_label("角色 LEADS, SUPPORTS or empty for both")
(('机构', 'Agency'), ('角色', 'LEADS, SUPPORTS or empty for both'))
>>> split_label("Rows")
('Rows', 'Rows')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import GraphError
from .store import Store

PRESET_DIR = Path(__file__).resolve().parent.parent / "cypher"
_HEADER = re.compile(r"^--\s*(title|description|param|call):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*=\s*(.+?)\s*(?:\|\s*(.*))?$")
# Chinese first, then the English from the first Latin letter on
_ZH_THEN_EN = re.compile(r"^([^A-Za-z]*[^\x00-\x7f][^A-Za-z]*?)\s+([A-Za-z].*)$")


def split_label(text: str) -> tuple[str, str]:
    """(中文, English) of a header text; a text in one language serves for both."""
    zh, sep, en = text.partition("|")
    if sep:
        return zh.strip(), en.strip() or zh.strip()
    m = _ZH_THEN_EN.match(text.strip())
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return text.strip(), text.strip()


@dataclass(frozen=True)
class Param:
    name: str
    default: object
    label_zh: str
    label_en: str

    def label(self, lang: str = "en") -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def coerce(self, value):
        """Bring a value given as text (CLI, URL) or widget value to the default's type."""
        if value is None:
            return self.default
        if isinstance(self.default, bool):
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("true", "1", "yes", "是"):
                return True
            if str(value).lower() in ("false", "0", "no", "否", ""):
                return False
            raise GraphError("G004", self.name, f"expected true or false, got {value!r}")
        if isinstance(self.default, int):
            try:
                return int(value)
            except (TypeError, ValueError):
                raise GraphError("G004", self.name, f"expected a whole number, got {value!r}") from None
        return str(value)


@dataclass(frozen=True)
class Preset:
    name: str
    title_zh: str
    title_en: str
    description: str  # English
    params: tuple[Param, ...]
    cypher: str
    call: str | None = None
    source: str = field(default="", compare=False)
    description_zh: str = ""

    def title(self, lang: str = "en") -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def describe(self, lang: str = "en") -> str:
        return (self.description_zh or self.description) if lang == "zh" else self.description

    def bind(self, given: dict | None = None) -> dict:
        given = dict(given or {})
        unknown = set(given) - {p.name for p in self.params}
        if unknown:
            raise GraphError("G004", self.name, f"unknown parameter(s) {', '.join(sorted(unknown))}; expected {', '.join(p.name for p in self.params) or 'none'}")
        return {p.name: p.coerce(given.get(p.name)) for p in self.params}


def parse(path: Path) -> Preset:
    meta: dict[str, list[str]] = {}
    body = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line)
        if m and not body:
            meta.setdefault(m.group(1), []).append(m.group(2).strip())
        elif line.strip() or body:
            body.append(line)
    zh, _, en = (meta.get("title", [path.stem])[0]).partition("|")
    params = []
    for spec in meta.get("param", []):
        m = _PARAM.match(spec)
        if not m:
            raise GraphError("G004", str(path), f"bad param line {spec!r}")
        params.append(Param(m.group(1), json.loads(m.group(2)), *split_label(m.group(3) or m.group(1))))
    about = (meta.get("description") or [""])[0]
    about_zh, sep, about_en = about.partition(" | ")
    if not sep:
        about_zh, about_en = "", about
    return Preset(path.stem, zh.strip(), (en or zh).strip(), about_en.strip(), tuple(params),
                  "\n".join(body).strip(), (meta.get("call") or [None])[0], str(path), about_zh.strip())


@lru_cache(maxsize=1)
def load_all() -> dict[str, Preset]:
    return {p.stem: parse(p) for p in sorted(PRESET_DIR.glob("*.cypher"))}


def get(name: str) -> Preset:
    presets = load_all()
    if name not in presets:
        raise GraphError("G004", name, f"no such preset; choose one of {', '.join(presets)}")
    return presets[name]


def run(store: Store, name: str, params: dict | None = None) -> list[dict]:
    preset = get(name)
    bound = preset.bind(params)
    if preset.call == "shortest_path":
        path = store.shortest_path(bound["source"], bound["target"])
        return [{"p": path}] if path else []
    return store.query(preset.cypher, bound)

"""Stage 1: bytes on disk → decoded text plus a same-length normalised copy.

Web copies of one plan differ in encoding and in typography (full-width
brackets, non-breaking spaces, the "+" of "互联网+" lost to a space). The
normalised copy irons those out *character for character*, so every offset
found in it points at the same words in the original.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import charset_normalizer

from . import formats
from .errors import LoaderError

MAX_BYTES = 20 * 1024 * 1024  # a plan is tens of kB; 20 MB is certainly not a plan

# Full-width ASCII (！ … ～) to half-width, ideographic brackets to ASCII.
_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TABLE.update({0x3000: 0x20, 0x00A0: 0x20, 0x3014: ord("("), 0x3015: ord(")")})
_TABLE.update({0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: 0x20, 0xFEFF: 0x20})
# Every bracket style a responsibility clause is written in reads as ( ): 【】 〖〗 [ ].
_TABLE.update({0x3010: ord("("), 0x3011: ord(")"), 0x3016: ord("("), 0x3017: ord(")"), ord("["): ord("("), ord("]"): ord(")"),
               0xFE5D: ord("("), 0xFE5E: ord(")"), 0xFE59: ord("("), 0xFE5A: ord(")")})
# Some mirrors print pinyin after characters, "推進(jìn)": blanked, so names read whole.
_PINYIN = re.compile(r"\((?=[^)]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńň /]{1,24}\)")
# Markup left in a web copy ("(/div>", "<br/>"): blanked, so a bracket it sits in still closes.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,8}\b[^<>\n]{0,60}>|(?<![a-zA-Z])/(?:div|p|span|td|tr|br|table)>")
# A plan copied in traditional characters reads like one in simplified (names, cue words).
_TRADITIONAL_SHARE = 0.01
# "互联网+" whose "+" became a space in the copy: "互联网 制造", "互联网 ”".
_LOST_PLUS = re.compile(r"(?<=互联网) (?=[\u4e00-\u9fff”、\"])")


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    encoding: str
    text: str  # as decoded
    norm: str  # normalised, same length as text


def read_source(path: str | Path) -> Source:
    """Read a plan file (.txt, .docx, .pdf, .html) and return its decoded and normalised text."""
    p = Path(path)
    formats.check_suffix(str(p))
    try:
        if p.stat().st_size > MAX_BYTES:
            raise LoaderError("L005", str(p), f"{p.stat().st_size:,} bytes; plans larger than {MAX_BYTES:,} bytes are refused")
        data = p.read_bytes()
    except OSError as err:
        raise LoaderError("L001", str(p), f"cannot read the file ({err.strerror})") from err
    return source_from_bytes(data, str(p))


def source_from_bytes(data: bytes, name: str) -> Source:
    """Bytes of a plan in any supported format; the format is read from the name's suffix."""
    suffix = formats.check_suffix(name)
    if len(data) > MAX_BYTES:
        raise LoaderError("L005", name, f"{len(data):,} bytes; plans larger than {MAX_BYTES:,} bytes are refused")
    if not data.strip():
        raise LoaderError("L003", name, "the file is empty")
    if suffix == ".docx":
        text, encoding = formats.docx_text(data, name), "docx"
    elif suffix == ".pdf":
        text, encoding = formats.pdf_text(data, name), "pdf"
    elif suffix in (".html", ".htm"):
        # The bytes decide the encoding, not the page's own <meta charset> claim.
        raw, enc = decode(data, name)
        text, encoding = formats.html_text(raw, name), f"html/{enc}"
    else:
        text, encoding = decode(data, name)
    text = _checked(text, name)
    if len(re.findall(r"[\u4e00-\u9fff]", text)) < 40:
        raise LoaderError("L009", name, "no plan text: fewer than 40 Chinese characters")
    return Source(name, hashlib.sha256(data).hexdigest(), encoding, text, normalise(text))


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode with the encoding the bytes carry: BOM, then strict UTF-8, then detection.
    Whether the result is text at all is checked once, by the caller (``_checked``)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as err:
                raise LoaderError("L002", name, f"starts with a {enc} byte-order mark but is not valid {enc} ({err.reason} at byte {err.start})") from err
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if err.start >= len(data) - 3 and err.reason == "unexpected end of data":
            raise LoaderError("L008", name, f"UTF-8 text cut off inside a character at byte {err.start:,}: the file is truncated") from err
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise LoaderError("L002", name, "binary data or an undetectable encoding; save the plan as UTF-8 or GB18030 text")
    enc = "gb18030" if best.encoding in {"gb2312", "gbk", "gb18030", "hz"} else best.encoding
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError) as err:
        raise LoaderError("L002", name, f"looks like {enc} but does not decode as it") from err


def _checked(text: str, name: str) -> str:
    """Refuse decoded text that is mostly control characters: that is binary, not a plan."""
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    if "\x00" in sample or bad > max(8, len(sample) // 50):
        raise LoaderError("L002", name, "binary data, not text")
    if not any(ch.isalnum() for ch in sample):
        raise LoaderError("L003", name, "no words in the file")
    return text


def normalise(text: str) -> str:
    """Same-length normalisation; see the module docstring."""
    out = _LOST_PLUS.sub("+", text.translate(_TABLE))
    out = _PINYIN.sub(lambda m: " " * len(m.group(0)), out)
    out = _TAG.sub(lambda m: " " * len(m.group(0)), out)
    out = _simplified(out)
    assert len(out) == len(text)
    return out


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters to simplified (OpenCC t2s), for short strings such as names."""
    return _t2s().convert(text)


def _simplified(text: str) -> str:
    """Traditional characters to simplified, one for one, when the text is mostly traditional.

    Only then: OpenCC also rewrites a few simplified characters (著 → 着), which a
    simplified plan must keep.
    """
    conv = simplified(text)
    if len(conv) != len(text):
        conv = "".join(c if len(c) == 1 else t for t, c in zip(text, map(simplified, text), strict=True))
    changed = sum(1 for a, b in zip(text, conv, strict=True) if a != b)
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text)) or 1
    return conv if changed / cjk >= _TRADITIONAL_SHARE else text

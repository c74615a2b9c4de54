"""Plans come as .txt, .docx, .pdf or saved web pages; each becomes plain text here.

For .docx, .pdf and .html the extracted text is the plan's "original text": spans point
into it, and the file's sha256 still identifies the source. Tables keep one cell per line,
the layout the segmenter already reads (allocation tables often live in Word tables).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

from .errors import LoaderError

# Limits checked before a parser sees the bytes (a 4.85 MB .docx can unpack to 1.1 GB of XML).
ZIP_MAX_TOTAL = 200 * 1024 * 1024  # all parts of a .docx, unpacked
ZIP_MAX_XML = 50 * 1024 * 1024  # any one XML part (document.xml holds the text)
ZIP_MAX_RATIO = 200  # unpacked ÷ packed for a part larger than 1 MB unpacked
ZIP_MAX_PARTS = 10_000
HTML_MAX_DEPTH = 2048  # libxml2's limit with huge trees; deeper pages lose their text
NAME_MAX_BYTES = 200

SUFFIXES = (".txt", ".text", ".docx", ".pdf", ".html", ".htm")
_BLOCKS = {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section", "article", "table", "dd", "dt", "pre"}
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select")


def check_suffix(name: str) -> str:
    """The file's suffix, if it is one we read."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise LoaderError("L004", name, f"{suffix or 'no suffix'} is not a plan format; use {', '.join(SUFFIXES)}")
    return suffix


def check_name(name: str) -> str:
    """The base name an uploaded file is kept under, or L011 for a name that cannot be one.

    >>> check_name("../plans/jiangxi 2018.docx")
    'jiangxi 2018.docx'
    """
    if "\x00" in name or any(unicodedata.category(c) == "Cc" for c in name):
        raise LoaderError("L011", repr(name)[1:-1][:80], "the file name holds control characters (a NUL byte, say); rename the file")
    base = Path(name.replace("\\", "/")).name.strip()
    if not base or base.startswith(".") or base in ("..",):
        raise LoaderError("L011", name[:80] or "(no name)", "the file needs a name that does not start with a dot")
    if len(base.encode("utf-8")) > NAME_MAX_BYTES:
        raise LoaderError("L011", base[:40] + "…", f"the file name is {len(base.encode('utf-8'))} bytes long; "
                                                   f"at most {NAME_MAX_BYTES} are accepted, so shorten it")
    return base


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip (.docx) whose parts would unpack to more than the limits, before parsing.

    Python's zipfile never yields more than a part's declared size, so checking the declared
    sizes bounds what python-docx can be made to read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as err:
        raise LoaderError("L010", name, f"not a readable Word file ({type(err).__name__})") from err
    if len(infos) > ZIP_MAX_PARTS:
        raise LoaderError("L012", name, f"the file holds {len(infos):,} parts; at most {ZIP_MAX_PARTS:,} are read")
    total = sum(i.file_size for i in infos)
    if total > ZIP_MAX_TOTAL:
        raise LoaderError("L012", name, f"unpacks to {total / 2**20:,.0f} MB; at most {ZIP_MAX_TOTAL / 2**20:,.0f} MB are read "
                                        "(a compressed bomb, or a document made of images)")
    for i in infos:
        if i.filename.endswith((".xml", ".rels")) and i.file_size > ZIP_MAX_XML:
            raise LoaderError("L012", name, f"its part {i.filename} unpacks to {i.file_size / 2**20:,.0f} MB; "
                                            f"at most {ZIP_MAX_XML / 2**20:,.0f} MB are read")
        if i.file_size > 2**20 and i.file_size > ZIP_MAX_RATIO * max(i.compress_size, 1):
            raise LoaderError("L012", name, f"its part {i.filename} unpacks {i.file_size // max(i.compress_size, 1):,} times "
                                            f"larger than it is stored; at most {ZIP_MAX_RATIO} times is read (a compressed bomb?)")


def docx_text(data: bytes, name: str) -> str:
    import docx
    from docx.oxml.ns import qn

    check_zip(data, name)
    try:
        doc = docx.Document(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 - python-docx raises zip, XML and key errors alike
        raise LoaderError("L010", name, f"not a readable Word file ({type(err).__name__})") from err
    lines: list[str] = []
    # Paragraphs and tables in document order.
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                for cell in row.iter(qn("w:tc")):
                    lines.append("".join(t.text or "" for t in cell.iter(qn("w:t"))))
    return "\n".join(lines)


def pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [p.extract_text() or "" for p in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise LoaderError("L010", name, f"not a readable PDF ({err})") from err
    text = "\n".join(pages)
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise LoaderError("L009", name, "the PDF has no text layer with Chinese text (a scan needs OCR first)")
    return text


def html_text(text: str, name: str) -> str:
    """The page's main text, one block per line; menus, scripts and footers dropped."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as err:
        raise LoaderError("L009", name, f"not an HTML page ({err})") from err
    if any("Excessive depth" in e.message for e in parser.error_log):
        # libxml2 stops building the tree there and the text below is lost: say so, not "no words".
        raise LoaderError("L013", name, f"the page's elements are nested more than {HTML_MAX_DEPTH:,} levels deep and "
                                        "its text cannot be read; save the page as .txt and load that")
    for bad in root.xpath("|".join(f"//{t}" for t in _DROP)):
        bad.drop_tree()
    body = root.find("body") if root.find("body") is not None else root
    out: list[str] = []
    buf: list[str] = []

    def flush():
        if buf:
            out.append("".join(buf))
            buf.clear()

    # Depth-first without recursion (pages may nest up to HTML_MAX_DEPTH levels).
    stack: list = [("open", body)]
    while stack:
        step, el = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if step == "close":
            if tag in _BLOCKS:
                flush()
            if el is not body and el.tail:
                buf.append(el.tail)
            continue
        if tag in _BLOCKS:
            flush()
        if el.text and tag not in ("script", "style"):
            buf.append(el.text)
        stack.append(("close", el))
        stack.extend(("open", child) for child in reversed(el))
    if buf:
        out.append("".join(buf))
    return "\n".join(line.strip() for line in out if line.strip())

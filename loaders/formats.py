"""Plans come as .txt, .docx, .pdf or saved web pages; each becomes plain text here.

For .docx, .pdf and .html the extracted text is the plan's "original text": spans point
into it, and the file's sha256 still identifies the source. Tables keep one cell per line,
the layout the segmenter already reads (allocation tables often live in Word tables).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from .errors import LoaderError

SUFFIXES = (".txt", ".text", ".docx", ".pdf", ".html", ".htm")
_BLOCKS = {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section", "article", "table", "dd", "dt", "pre"}
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select")


def check_suffix(name: str) -> str:
    """The file's suffix, if it is one we read."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise LoaderError("L004", name, f"{suffix or 'no suffix'} is not a plan format; use {', '.join(SUFFIXES)}")
    return suffix


def docx_text(data: bytes, name: str) -> str:
    import docx
    from docx.oxml.ns import qn

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

    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as err:
        raise LoaderError("L009", name, f"not an HTML page ({err})") from err
    for bad in root.xpath("|".join(f"//{t}" for t in _DROP)):
        bad.drop_tree()
    body = root.find("body") if root.find("body") is not None else root
    out: list[str] = []
    buf: list[str] = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCKS and buf:
            out.append("".join(buf))
            buf.clear()
        if el.text and tag not in ("script", "style"):
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if tag in _BLOCKS and buf:
            out.append("".join(buf))
            buf.clear()

    walk(body)
    if buf:
        out.append("".join(buf))
    return "\n".join(line.strip() for line in out if line.strip())

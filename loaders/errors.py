"""The one exception family of loaders/.

Every message names the file (or plan id) and the problem, and starts with a
code so a user can search for it: ``[L002] plan.txt: not text (binary data)``.
"""

from __future__ import annotations

CODES = {
    "L001": "file not found or not readable",
    "L002": "not text: binary data or an encoding that cannot be detected",
    "L003": "empty file",
    "L004": "unsupported file type",
    "L005": "file too large",
    "L006": "metadata file is malformed",
    "L007": "lexicon file is malformed",
    "L008": "text cut off in the middle of a character (truncated file)",
    "L009": "no plan text in the file",
    "L010": "broken .docx or .pdf",
    "L011": "a file name that cannot be kept (control characters, too long, no name)",
    "L012": "a .docx that unpacks to more than the limit (a compressed bomb?)",
    "L013": "an HTML page nested too deeply to read",
}


class LoaderError(Exception):
    """A plan that cannot be read. ``code`` is one of CODES, ``source`` the file."""

    def __init__(self, code: str, source: str, detail: str):
        self.code = code
        self.source = source
        self.detail = detail
        super().__init__(f"[{code}] {source}: {detail}")

    def __reduce__(self):
        # Crosses back from a worker process (loaders.parallel) as the error it was.
        return (type(self), (self.code, self.source, self.detail))

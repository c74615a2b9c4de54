"""The spaCy pipeline: a blank Chinese pipeline segmented into characters, with rule
components for technologies and agencies. Built once per process; no model weights
are downloaded (none are needed).

Why characters and not words: every term we look for is in a lexicon, so a phrase
pattern over characters finds it wherever a word segmenter would (jieba needed each
lexicon term forced into its dictionary to do the same), at a fraction of the cost:
segmenting was half of a plan's extraction time. Latin terms (5G, IPv6, AI) keep the
word boundary jieba gave them: no letter or digit may touch them on either side.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicons

# spaCy is imported when the pipeline is first built, not when loaders/ is imported:
# the app opens on a built graph without paying for it.

_ALNUM = re.compile(r"[0-9A-Za-z]")


class CharTokenizer:
    """One token per character, like spaCy's zh "char" segmenter, in linear time (spaCy's own
    aligns words to the text with a scan that grows with the square of the text's length)."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc

        return Doc(self.vocab, words=list(text), spaces=[False] * len(text))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # spaCy serialises a pipeline's tokenizer; this one has no state to keep.
    def to_bytes(self, **_):
        return b""

    def from_bytes(self, _data, **_):
        return self


@lru_cache(maxsize=1)
def pipeline():
    """The spaCy Language: blank "zh" with a character tokenizer, an entity ruler for technologies and agencies."""
    import spacy

    lex = lexicons.load()
    nlp = spacy.blank("zh")
    nlp.tokenizer = CharTokenizer(nlp.vocab)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = []
    for t in lex.technologies:
        for form in [t["name"], *t["aliases"]]:
            patterns.append({"label": "TECH", "pattern": form, "id": t["name"]})
    for e in lex.agencies.values():
        patterns.append({"label": "ORG", "pattern": e.surface, "id": e.canonical})
    ruler.add_patterns(patterns)
    return nlp


def whole_word(text: str, start: int, end: int) -> bool:
    """A match that starts or ends with a Latin letter or digit must not continue a Latin word
    (5G in 15G, AI in MAIL); Chinese characters have no such boundary."""
    if _ALNUM.match(text[start]) and start > 0 and _ALNUM.match(text[start - 1]):
        return False
    return not (_ALNUM.match(text[end - 1]) and end < len(text) and _ALNUM.match(text[end]))


_PIECE = re.compile(r"[^。;;\n]+")


@lru_cache(maxsize=1)
def _any_technology():
    """One regular expression over every technology's names: where the pipeline is worth running."""
    forms = {f.lower() for t in lexicons.load().technologies for f in [t["name"], *t["aliases"]] if f}
    # Matched against lower-cased text: with IGNORECASE, re gives up its fast first-character check.
    return re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))


def technologies_in(texts: list[str]) -> list[list[str]]:
    """For each text, the canonical technology names it mentions, in order of first mention.

    Agencies and technologies are matched together and the longest match stands, so a term
    inside a known body's name (信息安全 in 省信息化和信息安全工作领导小组办公室) is no mention.
    Only sentences that hold a technology's name at all go through the pipeline (no name
    crosses a sentence's end): most of a plan's text never needs a Doc."""
    nlp, hint = pipeline(), _any_technology()
    pieces = [[m.group(0) for m in _PIECE.finditer(text) if hint.search(m.group(0).lower())] for text in texts]
    docs = iter(nlp.pipe([x for ps in pieces for x in ps]))
    out = []
    for ps in pieces:
        seen: list[str] = []
        for piece in ps:
            for e in next(docs).ents:
                if e.label_ == "TECH" and e.ent_id_ not in seen and whole_word(piece, e.start_char, e.end_char):
                    seen.append(e.ent_id_)
        out.append(seen)
    return out


def entities(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, label, canonical id) of every technology and agency mention, for highlighting."""
    doc = pipeline()(text)
    return [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in doc.ents if whole_word(text, e.start_char, e.end_char)]

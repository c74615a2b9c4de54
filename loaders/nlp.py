"""The spaCy pipeline: a blank Chinese pipeline segmented by jieba, with rule
components for technologies and agencies. Built once per process; no model
weights are downloaded (none are needed)."""

from __future__ import annotations

import logging
from functools import lru_cache

from . import lexicons

# spaCy and jieba are imported when the pipeline is first built, not when loaders/ is imported:
# the app opens on a built graph without paying for them.


@lru_cache(maxsize=1)
def pipeline():
    """The spaCy Language: blank "zh", jieba segmenter, an entity ruler for technologies and agencies."""
    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)
    lex = lexicons.load()
    terms = {t["name"] for t in lex.technologies} | {a for t in lex.technologies for a in t["aliases"]}
    surfaces = {e.surface for e in lex.agencies.values()} | set(lex.canonical)
    for word in terms | surfaces:
        # Make jieba keep every lexicon term as one token so the phrase patterns align.
        jieba.add_word(word, freq=2_000_000)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = []
    for t in lex.technologies:
        for form in [t["name"], *t["aliases"]]:
            patterns.append({"label": "TECH", "pattern": form, "id": t["name"]})
    for e in lex.agencies.values():
        patterns.append({"label": "ORG", "pattern": e.surface, "id": e.canonical})
    ruler.add_patterns(patterns)
    return nlp


@lru_cache(maxsize=1)
def tech_matcher():
    from spacy.matcher import PhraseMatcher

    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for t in lexicons.load().technologies:
        matcher.add(t["name"], list(nlp.tokenizer.pipe([t["name"], *t["aliases"]])))
    return matcher


def technologies_in(texts: list[str]) -> list[list[str]]:
    """For each text, the canonical technology names it mentions, in order of first mention."""
    nlp = pipeline()
    matcher = tech_matcher()
    out = []
    for doc in nlp.tokenizer.pipe(texts):
        seen: list[str] = []
        for match_id, _, _ in matcher(doc):
            name = nlp.vocab.strings[match_id]
            if name not in seen:
                seen.append(name)
        out.append(seen)
    return out


def entities(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, label, canonical id) of every technology and agency mention, for highlighting."""
    doc = pipeline()(text)
    return [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in doc.ents]

"""Stage 3: which tasks a question is about.

BM25 (the ``bm25s`` library) over each task's words: its title (counted three times), the
heading it sits under and its text. Words are character bigrams of the Chinese runs plus
whole ASCII tokens ("5g", "iptv"), so a partial title ("宽带安徽", "时空信息云平台") matches without
a word segmenter and without jieba's 0.5 s start-up. English questions reach the Chinese texts
through ``glossary.csv`` (informatization vocabulary) and the linked technologies' Chinese names.

Why bm25s rather than the store's full-text index: FalkorDB's full-text index (RediSearch) has
no Chinese analyzer that splits unspaced text, and Neo4j's CJK analyzer differs from it, so
the two stores would rank differently; an index in the process ranks the same on both, builds
in milliseconds for hundreds of plans and is cached with the dictionary.

>>> tokens("推进“宽带安徽”建设,新建5G基站")
['推进', '宽带', '带安', '安徽', '建设', '新建', '5g', '基站']
>>> index = TaskIndex([{"id": "t1", "title": "深入推进三网融合", "text": "", "section": ""},
...                    {"id": "t2", "title": "推进智慧物流", "text": "", "section": ""}])
>>> [h.project for h in index.search(tokens("三网融合谁牵头"))][:1]
['t1']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_RUN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z0-9][A-Za-z0-9.+\-]*[A-Za-z0-9+]|[A-Za-z0-9]")


def tokens(text: str) -> list[str]:
    """Character bigrams of Chinese runs (a lone character stands for itself), whole ASCII words
    lower-cased."""
    out: list[str] = []
    for m in _RUN.finditer(text or ""):
        run = m.group(0)
        if "\u4e00" <= run[0] <= "\u9fff":
            out += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
        else:
            out.append(run.lower())
    return out


@dataclass
class Hit:
    project: str
    score: float
    coverage: float  # share of the query's words the task holds
    matched: list[str]


class TaskIndex:
    """BM25 over the tasks; ``search`` ranks them for a query's tokens, optionally among a subset."""

    def __init__(self, projects: list[dict]):
        import bm25s

        self.projects = projects
        self.ids = [p["id"] for p in projects]
        self.position = {p: i for i, p in enumerate(self.ids)}
        docs = []
        for p in projects:
            heading = (p.get("section") or "").split(" > ")[-1]
            docs.append(tokens(p.get("title") or "") * 3 + tokens(heading) + tokens(p.get("text") or ""))
        self.sets = [set(d) for d in docs]
        self.titles = [set(tokens(p.get("title") or "")) for p in projects]
        self.df = Counter(t for s in self.sets for t in s)
        self.bm25 = bm25s.BM25()
        if docs:
            self.bm25.index(docs, show_progress=False)

    def known(self, token: str) -> bool:
        return self.df.get(token, 0) > 0

    def search(self, query: list[str], among: set[str] | None = None, k: int = 20, must: list[str] = ()) -> list[Hit]:
        """Tasks by BM25 score for the query tokens; ``among`` limits them to some task ids,
        ``must`` are tokens (a place, say) that add to the score but not to the coverage."""
        wanted = list(dict.fromkeys(t for t in query if t and t not in must))
        scored = [t for t in dict.fromkeys([*wanted, *must]) if self.known(t)]
        if not wanted or not scored or not self.ids:
            return []
        import numpy as np

        scores = np.asarray(self.bm25.get_scores(scored))
        candidates = np.flatnonzero(scores > 0)
        if among is not None:
            allowed = np.zeros(len(self.ids), dtype=bool)
            allowed[[self.position[p] for p in among if p in self.position]] = True
            candidates = candidates[allowed[candidates]]
        # Best raw score first. A task's final score is its raw score times 1 to 2 (the title
        # bonus), so once a raw score is under half the k-th kept one, no later task can enter the
        # top k: a national index of 700,000 tasks is read only as far as it matters.
        out, kept = [], []
        for i in candidates[np.argsort(-scores[candidates], kind="stable")]:
            s = float(scores[i])
            if len(kept) >= k and 2 * s < kept[k - 1]:
                break
            matched = [t for t in wanted if t in self.sets[i]]
            if matched:
                kept.append(s)
                in_title = sum(t in self.titles[i] for t in wanted) / len(wanted)
                # a task whose title holds the words is the task they name
                out.append(Hit(self.ids[i], s * (1 + in_title), len(matched) / len(wanted), matched))
        out.sort(key=lambda h: (-h.score, h.project))
        return out[:k]

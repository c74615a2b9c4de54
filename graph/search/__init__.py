"""The search box: a question in Chinese or English → an intent, its parameters, a Cypher
template, the rows and a sentence that states the answer.

One module per stage, each testable alone:

- ``normalise``: the question as typed → one canonical text;
- ``link``: names → the graph's entities (exact, then near misses marked as such);
- ``retrieve``: words → the tasks they describe (BM25 over character bigrams);
- ``intents``: cue words, agency mentions, plan references → the intent and its parameters;
- ``templates``: the Cypher each intent runs (user text only as parameters);
- ``sentences``: the reading and the answer sentence;
- ``answer``: the ``Asker`` that ties them together, and the ``Answer``.

No model is involved and nothing is written: the search box only reads.
"""

from .answer import Answer, Asker, ask
from .link import Entity
from .normalise import language, normalise

__all__ = ["Answer", "Asker", "Entity", "ask", "language", "normalise"]

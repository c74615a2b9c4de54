"""The search box lives in graph/search/ (normalise, link, retrieve, intents, answer); this
module keeps ``from graph.ask import Asker, ask, normalise, Answer`` working.

>>> from graph.ask import normalise
>>> normalise("浙江省經信委負責哪些任務？")
'浙江省经信委负责哪些任务?'
"""

from .search import Answer, Asker, Entity, ask, language, normalise
from .search.templates import EXAMPLES, TEMPLATES

__all__ = ["EXAMPLES", "TEMPLATES", "Answer", "Asker", "Entity", "ask", "language", "normalise"]

"""loaders/: plan text in, plain records out, every fact traceable to its words.

>>> from loaders import extract_plan
>>> records = extract_plan("data/plans/zhejiang-2016-informatization-key-points.txt")
>>> sum(p.kind == "task" for p in records.projects)
37
"""

from .errors import LoaderError
from .pipeline import extract_plan, extract_source
from .records import Agency, Indicator, PlanMeta, PlanRecords, Project, Role, Technology

__all__ = ["LoaderError", "extract_plan", "extract_source", "Agency", "Indicator", "PlanMeta", "PlanRecords", "Project", "Role", "Technology"]

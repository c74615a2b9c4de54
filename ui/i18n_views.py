"""Labels of the Explorer and Workload pages, in Chinese and English (merged into ui.i18n.TEXT).

Every key starts with ``views_`` so it never clashes with the labels other pages add.
"""

_LABELS = {
    "Agency": ("机构", "Agency", "agencies"), "Project": ("任务", "Task", "tasks"), "Plan": ("规划", "Plan", "plans"),
    "Indicator": ("指标", "Indicator", "indicators"), "Technology": ("技术", "Technology", "technologies"),
    "Province": ("省份", "Province", "provinces"), "City": ("城市", "City", "cities"),
}
_RELS = {
    "LEADS": ("牵头", "leads"), "SUPPORTS": ("配合", "supports"), "INCLUDES": ("包含任务", "includes"),
    "TARGETS": ("设定指标", "targets"), "INVOLVES": ("涉及技术", "involves"), "ISSUED": ("发布", "issued"),
    "BELONGS_TO": ("隶属", "belongs to"), "PART_OF": ("属于", "part of"), "SUBTASK_OF": ("子任务", "subtask of"),
    "SUCCEEDED_BY": ("改革后继任", "succeeded by"), "SHARES": ("共同承担任务", "share tasks"),
}
_PROPS = {
    "name": ("名称", "Name"), "name_en": ("英文名", "English name"), "type": ("机构类型", "Agency type"),
    "type_en": ("类型(英文)", "Type (English)"), "family": ("职能族群", "Functional family"),
    "family_en": ("职能族群(英文)", "Family (English)"), "jurisdiction": ("辖区", "Jurisdiction"),
    "level": ("层级", "Level"), "collective": ("集体主体", "Collective actor"), "aliases": ("别名", "Aliases"),
    "plan": ("规划", "Plan"), "kind": ("类别", "Kind"), "number": ("序号", "Number"), "label": ("编号", "Label"),
    "title": ("标题", "Title"), "title_en": ("英文标题", "English title"), "section": ("章节", "Section"),
    "province": ("省份", "Province"), "year": ("年份", "Year"), "issuer": ("发布机构", "Issuer"),
    "baseline": ("基期值", "Baseline"), "target": ("目标值", "Target"), "unit": ("单位", "Unit"),
    "target_year": ("目标年份", "Target year"), "category": ("类别", "Category"), "period": ("时期", "Period"),
    "source": ("来源文件", "Source file"), "count": ("数量", "Count"), "parent": ("上级", "Parent"),
    "surface": ("原文中的机构称谓", "The agency's words"), "basis": ("依据", "Basis"),
}

TEXT: dict[str, tuple[str, str]] = {
    **{f"views_label_{k}": (zh, en) for k, (zh, en, _) in _LABELS.items()},
    **{f"views_many_{k}": (f"{{n}} 个{zh}", f"{{n}} {many}") for k, (zh, _, many) in _LABELS.items()},
    **{f"views_rel_{k}": v for k, v in _RELS.items()},
    **{f"views_prop_{k}": v for k, v in _PROPS.items()},
    "views_group_tasks": ("{plan}:{n} 项任务", "{plan}: {n} tasks"),
    "views_group_legend": ("方框 = 分组(点选查看,双击展开)", "box = group (click to inspect, double-click to expand)"),
    "views_fold": ("把同类节点折叠为分组", "Fold crowds of like nodes into groups"),
    "views_expanded": ("展开的分组", "Expanded groups"),
    "views_expand_group": ("展开此分组", "Expand this group"),
    "views_fold_group": ("折叠此分组", "Fold this group"),
    "views_members": ("成员", "Members"),
    "views_too_large": ("此视图有 {n} 个节点,超过可读上限({limit} 个),因此未绘制。可以:减少关系类型或节点类型、选择深度 1、"
                        "把同类节点折叠为分组,或一次只展开一个分组。",
                        "This view has {n} nodes, more than the {limit} a drawing can show readably, so it is not drawn. "
                        "Untick relationship types or node labels, pick depth 1, fold crowds into groups, "
                        "or expand one group at a time."),
    "views_draw_anyway": ("仍然绘制", "Draw it anyway"),
    "views_inspect_hint": ("点击图中的节点或连线,即在此显示其详情与原文。", "Click a node or a line in the drawing to see it here."),
    "views_merged_edge": ("{n} 条“{rel}”关系汇总为一条线;展开分组即可逐条查看原文。",
                          "{n} “{rel}” relationships drawn as one line; expand the group to read each quote."),
    "views_open_plan": ("在“规划文本”页打开此规划", "Open this plan on the Plans page"),
    "views_recentre": ("以此节点为中心", "Centre the view on this node"),
    "views_yes": ("是", "yes"),
    "views_no": ("否", "no"),
    "views_id": ("标识", "id"),
    "views_focus": ("中心节点", "focus"),
    "views_sort_by": ("排序依据", "Sort by"),
    "views_download_csv": ("下载图表数据(CSV)", "Download the chart's data (CSV)"),
    "views_open_any": ("打开任一机构的邻域(可输入搜索)", "Open any agency's neighbourhood (type to search)"),
    "views_network_size": ("显示的机构数(共同任务最多的关系优先)", "Agencies shown (strongest ties first)"),
    "views_network_note": ("显示 {shown}/{total} 个机构、{edges} 条关系(按共同任务数取最强者);颜色为社区(Louvain),"
                           "节点大小为加权度。",
                           "{shown} of {total} agencies and {edges} ties, the strongest by shared tasks; colour = "
                           "community (Louvain), size = weighted degree."),
    "views_community": ("社区 {k}", "Community {k}"),
    "views_centrality_all": ("全部机构的中心性指标", "Centrality of every agency"),
    "views_name": ("机构", "Agency"),
    "views_name_zh": ("中文名称", "Chinese name"),
    # ui/pickers.py: choosing among tens of thousands
    "type_to_search": ("输入名称或编号的一部分以查找", "Type part of a name or id to search"),
    "type_to_search_help": ("图中数量太多,无法全部列出:显示包含所输入文字的前 {n} 项。",
                            "Too many to list: the first {n} whose name or id contains what you type are offered."),
    "matches": ("匹配项({n})", "Matches ({n})"),
    "no_matches": ("没有匹配项。", "Nothing matches."),
}

"""Labels of the Export panel, in Chinese and English (merged into ui.i18n.TEXT)."""

TEXT: dict[str, tuple[str, str]] = {
    "export_width": ("图宽", "Figure width"),
    "export_width_one": ("单栏(8.5 厘米)", "One column (8.5 cm)"),
    "export_width_two": ("双栏(17 厘米)", "Two columns (17 cm)"),
}

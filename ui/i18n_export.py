"""Labels of the Export panel, in Chinese and English (merged into ui.i18n.TEXT)."""

TEXT: dict[str, tuple[str, str]] = {}

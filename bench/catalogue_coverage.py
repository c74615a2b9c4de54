"""Share of agency mentions (role surfaces) that the curated table or the national catalogue
resolves, over a corpus folder (default tests/corpus). Prints the share and the names left."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders import extract_plan  # noqa: E402
from loaders.catalogue import body_types  # noqa: E402


def main(folder: str = "tests/corpus") -> None:
    """Two shares: names the catalogue (or the curated table) places as a body, and names
    that at least get a catalogue type (companies and institutions typed by their ending)."""
    total = known = typed = 0
    left = []
    types = body_types()
    for path in sorted(Path(folder, "plans").glob("*.txt")):
        rec = extract_plan(path)
        by_id = {a.id: a for a in rec.agencies}
        for r in rec.roles:
            a = by_id[r.agency]
            total += 1
            known += a.known
            typed += a.type in types
            if not a.known:
                left.append(f"{path.stem}\t{r.surface}\t{a.id}\t{a.type}")
    print(f"{known}/{total} agency mentions resolved by the catalogue or the curated table ({known / total:.1%}); "
          f"{typed}/{total} with a catalogue type ({typed / total:.1%})")
    print("\n".join(left))


if __name__ == "__main__":
    main(*sys.argv[1:])

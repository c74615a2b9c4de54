"""Share of agency mentions (role surfaces) that the curated table or the national catalogue
resolves, over a corpus folder (default tests/corpus). Prints the share and the names left."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders import extract_plan  # noqa: E402


def main(folder: str = "tests/corpus") -> None:
    total = known = 0
    left = []
    for path in sorted(Path(folder, "plans").glob("*.txt")):
        rec = extract_plan(path)
        status = {a.id: a.known for a in rec.agencies}
        for r in rec.roles:
            total += 1
            known += status[r.agency]
            if not status[r.agency]:
                left.append(f"{path.stem}\t{r.surface}\t{r.agency}")
    print(f"{known}/{total} agency mentions resolved to a catalogue type ({known / total:.1%})")
    print("\n".join(left))


if __name__ == "__main__":
    main(*sys.argv[1:])

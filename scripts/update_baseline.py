"""Refresh the stored baseline summary after a deliberate model change.

    python scripts/update_baseline.py --reason "why the model changed"
    (or: make baseline REASON="why the model changed")

Writes tests/scenarios/baseline_summary.json and adds a line to CHANGELOG.md naming the
new summary's fingerprint; tests/scenarios/test_baseline.py checks both.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulation.experiment import compare  # noqa: E402
from simulation.output import write_json  # noqa: E402
from simulation.scenario import load  # noqa: E402

STORED = ROOT / "tests" / "scenarios" / "baseline_summary.json"
SCENARIO = ROOT / "scenarios" / "baseline.toml"
REPLICATIONS = 4


def current() -> dict:
    """The baseline summary as the code computes it now."""
    res = compare(load(SCENARIO), replications=REPLICATIONS, progress=False)
    return {policy: {m: v["mean"] for m, v in res.summary(policy).items()}
            for policy in res.policies}


def fingerprint(summary: dict) -> str:
    blob = json.dumps(summary, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:12]


def with_entry(changelog: str, line: str) -> str:
    """The changelog with ``line`` added to the newest section (the first ``## ``
    heading), after that section's last entry."""
    lines = changelog.rstrip("\n").split("\n")
    first = next(i for i, s in enumerate(lines) if s.startswith("## "))
    end = next((i for i in range(first + 1, len(lines)) if lines[i].startswith("## ")),
               len(lines))
    while end > first + 1 and not lines[end - 1].strip():
        end -= 1
    return "\n".join([*lines[:end], line, *lines[end:]]) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reason", required=True, help="what changed in the model and why")
    args = parser.parse_args()
    summary = current()
    write_json(STORED, {"scenario": "scenarios/baseline.toml", "replications": REPLICATIONS,
                        "fingerprint": fingerprint(summary), "metrics": summary})
    log = ROOT / "CHANGELOG.md"
    line = f"- Baseline summary refreshed ({fingerprint(summary)}): {args.reason}"
    log.write_text(with_entry(log.read_text(encoding="utf-8"), line), encoding="utf-8")
    print(f"wrote {STORED.relative_to(ROOT)} and a line in CHANGELOG.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark runs and prints its figures (no timing is asserted: machines differ)."""

import re
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_small_benchmark_prints_every_figure():
    done = subprocess.run([sys.executable, "benchmarks/run_benchmarks.py", "--small"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert len(re.findall(r"ms per 60-month replication", out)) == 4  # alone, among many
    rates = [float(x) for x in re.findall(r"([\d.]+) M resident-months/s", out)]
    assert len(rates) >= 3 and all(r > 0 for r in rates)
    assert int(re.search(r"(\d+) bytes per resident", out).group(1)) > 0
    assert "plain per-agent Mesa loop" in out
    assert re.search(r"national: 13 municipalities x 24 months, both regimes", out)
    assert len(re.findall(r"per-agent Mesa", out)) >= 5  # every figure beside the yardstick
    assert re.search(r"dashboard charts: the slowest \(\w+\) draws in \d+ ms", out)

"""Speed and memory of doorstroom, each figure printed beside its target.

    python benchmarks/run_benchmarks.py            # full (about a minute)
    python benchmarks/run_benchmarks.py --small    # quick, for CI
    python benchmarks/run_benchmarks.py --json out.json

Figures: one 60-month baseline replication (model build included), resident-months per
second at 100,000 residents over 120 months, peak memory per resident (each case in a
fresh process), and the same resident step as a plain per-agent Mesa loop for scale.
It never fails on slowness: a figure below its target is printed as such.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TARGET_BASELINE_S = 0.2
TARGET_RM_PER_S = 2e6
BIG = {"population.residents": 100_000, "simulation.months": 120,
       "providers.capacity_scale": 250.0, "employers.count": 2000,
       "employers.vacancies_per_month": 10_000.0, "voorziening.budget_per_year_eur": 1.2e8}


def _scenario(overrides: dict):
    from simulation.scenario import load

    return load(ROOT / "scenarios" / "baseline.toml", overrides)


def one_run(overrides: dict, policy: str, seed: int = 1) -> tuple[float, float]:
    """Seconds for build + run, and resident-months simulated."""
    from simulation.model import DoorstroomModel

    sc = _scenario(overrides)
    start = time.perf_counter()
    model = DoorstroomModel(sc, policy=policy, seed=seed, resident_agents=False).run()
    seconds = time.perf_counter() - start
    return seconds, float(model.timeseries()["residents"].sum())


def baseline(runs: int) -> dict:
    out = {}
    for policy in ("indicatie", "voorziening"):
        one_run({}, policy)  # warm-up: imports and caches
        times, rm = [], 0.0
        for seed in range(runs):
            seconds, rm = one_run({}, policy, seed)
            times.append(seconds)
        med = statistics.median(times)
        out[policy] = {"seconds_per_replication": med, "resident_months_per_second": rm / med}
    return out


def big(residents: int, months: int) -> dict:
    over = {**BIG, "population.residents": residents, "simulation.months": months}
    out = {}
    for policy in ("indicatie", "voorziening"):
        seconds, rm = one_run(over, policy)
        out[policy] = {"residents": residents, "months": months, "seconds": seconds,
                       "resident_months_per_second": rm / seconds}
    return out


def memory(residents: int, months: int) -> dict:
    """Peak memory of one run in a fresh process: traced allocations (NumPy arrays included)
    during model build and run, and the process's peak resident set."""
    code = f"""
import json, resource, sys, tracemalloc
sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(ROOT / 'benchmarks')!r})
import run_benchmarks as rb
import simulation.model, simulation.metrics
rb.one_run({{}}, "indicatie")
tracemalloc.start()
rb.one_run({{**rb.BIG, "population.residents": {residents}, "simulation.months": {months}}},
           "indicatie")
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({{"traced_peak": peak,
                   "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return {"residents": residents, "peak_rss_mib": data["rss_kib"] / 1024,
            "bytes_per_resident": data["traced_peak"] / residents}


def reference(residents: int, months: int) -> float:
    from per_agent_reference import resident_months_per_second

    return resident_months_per_second(residents, months)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="quick sizes for CI")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    runs, n_big, m_big, n_ref, m_ref = (3, 20_000, 24, 2_000, 6) if args.small else (
        10, 100_000, 120, 10_000, 12)

    figures = {"baseline": baseline(runs), "large": big(n_big, m_big),
               "memory": memory(n_big, m_big), "per_agent_reference": {
                   "residents": n_ref, "months": m_ref,
                   "resident_months_per_second": reference(n_ref, m_ref)}}

    def mark(ok: bool) -> str:
        return "meets target" if ok else "below target"

    print("doorstroom benchmarks" + (" (small)" if args.small else ""))
    for policy, f in figures["baseline"].items():
        s = f["seconds_per_replication"]
        print(f"  baseline {policy:12} {s * 1000:8.1f} ms per 60-month replication "
              f"(target < {TARGET_BASELINE_S * 1000:.0f} ms: {mark(s < TARGET_BASELINE_S)}); "
              f"{f['resident_months_per_second'] / 1e6:.2f} M resident-months/s")
    for policy, f in figures["large"].items():
        r = f["resident_months_per_second"]
        print(f"  {f['residents']:,} residents x {f['months']} months {policy:12} "
              f"{r / 1e6:6.2f} M resident-months/s (target >= {TARGET_RM_PER_S / 1e6:.0f} M: "
              f"{mark(r >= TARGET_RM_PER_S)}), {f['seconds']:.1f} s")
    mem = figures["memory"]
    print(f"  memory: {mem['bytes_per_resident']:.0f} bytes per resident at peak (model build "
          f"and run, {mem['residents']:,} residents); process peak {mem['peak_rss_mib']:.0f} MiB")
    ref = figures["per_agent_reference"]["resident_months_per_second"]
    fast = figures["large"]["indicatie"]["resident_months_per_second"]
    print(f"  plain per-agent Mesa loop: {ref / 1e6:.2f} M resident-months/s for the ladder "
          f"step alone; the vectorised model runs the whole month {fast / ref:.1f}x faster")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

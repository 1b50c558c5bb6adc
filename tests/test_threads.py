"""Large passes on several threads (``simulation.threads``): a model's results are the same to
the bit whatever the number of threads its passes are cut into."""

import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulation import threads
from simulation.declarations import VARIANT_NAMES
from simulation.metrics import compute
from simulation.model import DoorstroomModel
from simulation.national import exact_series, municipality_scenario, municipality_seed
from simulation.scenario import BUILTIN, load

NATIONAL = Path(__file__).resolve().parent.parent / "scenarios" / "netherlands.toml"
EVERY_VARIANT = "+".join(("indicatie", *(v for v in VARIANT_NAMES if v != "safety_net")))


@pytest.fixture
def cut_small(monkeypatch):
    """Passes cut into three parts from 120 rows on (the baseline has 400 residents)."""
    monkeypatch.setattr(threads, "ROWS_PER_THREAD", 40)
    threads.set_threads(3)
    yield
    threads.set_threads(None)


def _run(make):
    model = make().run()
    entries = model.ledger.entries_frame() if model.ledger.detail else pd.DataFrame()
    metrics = [compute(run) for run in model.municipalities()]
    return metrics, exact_series(model.series()), model.ledger.totals, entries, model


def _assert_same(a, b):
    (ma, sa, la, ea, _), (mb, sb, lb, eb, _) = a, b
    assert len(ma) == len(mb)
    for x, y in zip(ma, mb):
        assert x.keys() == y.keys()
        assert all(x[k] == y[k] or (x[k] != x[k] and y[k] != y[k]) for k in x)
    assert np.array_equal(sa, sb)
    assert np.array_equal(la, lb)
    pd.testing.assert_frame_equal(ea, eb)


@pytest.mark.parametrize("policy", ["indicatie", "voorziening", EVERY_VARIANT])
def test_a_run_cut_into_parts_equals_the_run_in_one(cut_small, policy):
    scenario = load(BUILTIN / "baseline.toml", {"simulation.months": 36})

    def make():
        return DoorstroomModel(scenario, policy=policy, seed=4, resident_agents=False,
                               ledger_detail=True)

    before = threading.active_count()
    parts = _run(make)
    assert len(threads.spans(parts[-1].population.n)) == 3
    assert threading.active_count() == before  # no thread outlives its pass
    threads.set_threads(1)
    assert len(threads.spans(parts[-1].population.n)) == 1
    _assert_same(parts, _run(make))


def test_municipalities_together_cut_into_parts_equal_them_in_one(cut_small):
    reference = load(NATIONAL, {"national.select": ["GM0088", "GM0331", "GM0363"],
                                "simulation.months": 24})
    scenarios = [municipality_scenario(reference, m) for m in reference.municipalities]
    seeds = [municipality_seed(5, m.code) for m in reference.municipalities]

    def make():
        return DoorstroomModel.together(scenarios, "voorziening", seeds)

    parts = _run(make)
    assert len(parts[0]) == 3
    threads.set_threads(1)
    _assert_same(parts, _run(make))


@pytest.mark.parametrize("rows", [0, 1, 39, 40, 119, 120, 1001])
def test_parts_are_consecutive_and_cover_every_row(cut_small, rows):
    spans = threads.spans(rows)
    assert len(spans) == max(1, min(3, rows // 40))
    assert spans[0][0] == 0 and spans[-1][1] == rows
    assert all(stop == start for (_, stop), (start, _) in zip(spans, spans[1:]))


def test_rows_found_by_the_parts_are_rows_of_the_whole(cut_small):
    values = np.arange(1000) % 7
    found = threads.joined(threads.over_rows(
        values.size, lambda a, b: np.flatnonzero(values[a:b] == 3)))
    assert np.array_equal(found, np.flatnonzero(values == 3))


def test_an_error_on_another_thread_is_raised_here(cut_small):
    def run(start, stop):
        if start > 0:
            raise ValueError(f"part from {start}")
        return stop

    before = threading.active_count()
    with pytest.raises(ValueError, match="part from"):
        threads.over_rows(300, run)
    assert threading.active_count() == before


def test_threads_below_one_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        threads.set_threads(0)

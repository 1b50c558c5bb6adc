"""The ledger books whole cents and keeps its totals consistent."""

import numpy as np
import pytest

from simulation.declarations import CATEGORIES, COST_CATEGORIES
from simulation.ledger import Ledger


def test_booking_rounds_each_amount_to_cents_and_sums_exactly():
    led = Ledger(months=3, detail=True)
    led.book(1, "wmo", "day_activity", np.array([0.105, 0.104, 10.0]), resident=[1, 2, 3])
    led.book(2, "pw_benefits", "wage_subsidy", 0.1 + 0.2)
    assert led.category_cents("day_activity") == 11 + 10 + 1000 - 1  # 0.105 -> 10 (half-even)
    assert led.category_cents("wage_subsidy") == 30
    assert led.payer_cents("wmo") + led.payer_cents("pw_benefits") == led.kind_cents("cost")
    e = led.entries_frame()
    assert e["cents"].sum() == led.kind_cents("cost")
    assert list(e["resident"]) == [1, 2, 3, -1]


def test_kinds_keep_benefits_out_of_costs():
    led = Ledger(months=1)
    led.book(1, "pw_benefits", "benefits_paid", 1000.0)
    led.book(1, "pw_benefits", "benefits_saved", 700.0)
    led.book(1, "wmo", "assessment", 592.0)
    assert led.kind_cents("cost") == 59200
    assert led.kind_cents("saving") == 70000 and led.kind_cents("transfer") == 100000
    assert led.payer_cents("wmo") == 59200 and led.payer_cents("pw_benefits") == 0  # costs
    assert led.category_cents("benefits_saved") == 70000
    assert set(COST_CATEGORIES) < set(CATEGORIES)


def test_entries_need_detail_and_summary_lists_nonzero_cells():
    led = Ledger(months=2)
    led.book(2, "wmo", "intake", 75.0)
    with pytest.raises(RuntimeError):
        led.entries_frame()
    s = led.summary_frame()
    assert s.to_dict("records") == [{"month": 2, "payer": "wmo", "category": "intake",
                                     "kind": "cost", "amount_eur": 75.0}]

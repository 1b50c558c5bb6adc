"""A policy change at a date: same path before it, decisions honoured after it."""

import numpy as np
import pytest

from simulation import funding
from simulation.errors import InputError
from simulation.model import DoorstroomModel

SWITCH = {
    "to_open": {"regime": "indicatie", "switch_month": 13, "switch_to": "voorziening",
                "transition_months": 12},
    "to_open_at_once": {"regime": "indicatie", "switch_month": 13, "switch_to": "voorziening"},
    "back_to_assessment": {"regime": "voorziening", "switch_month": 13,
                           "switch_to": "indicatie", "transition_months": 6},
}


@pytest.fixture(scope="module")
def sc(small):
    from simulation.scenario import build

    data = small.as_dict()
    data["alternatives"] = SWITCH
    data["simulation"]["months"] = 36
    return build(data, name="switch", origin="test")


def _ts(sc, policy, seed=5):
    return DoorstroomModel(sc, policy=policy, seed=seed).run().timeseries().set_index("month")


def test_paths_are_identical_before_the_switch(sc):
    stay, switch = _ts(sc, "indicatie"), _ts(sc, "to_open")
    before = slice(1, 12)
    assert stay.loc[before].equals(switch.loc[before])
    assert not stay.loc[13:].equals(switch.loc[13:])
    assert (switch.loc[13:, "after_switch"] == 1).all()
    assert (switch.loc[:12, "after_switch"] == 0).all()


def test_decisions_are_honoured_through_the_transition_with_double_costs(sc):
    switch, at_once = _ts(sc, "to_open"), _ts(sc, "to_open_at_once")
    budget = funding.cost_price_budget(sc.values, sc.organisations) / 12
    rights = switch["on_transitional_rights"]
    assert rights.loc[13] > 0 and (rights.loc[25:] == 0).all()
    assert (np.diff(rights.loc[13:24].to_numpy()) <= 0).all()  # decisions run out, none added
    assert (at_once["on_transitional_rights"] == 0).all()
    # double running costs: the budget plus per-dagdeel payments for those with rights
    assert (switch.loc[13:24, "cost_day_activity_eur"] > budget + 1).all()
    assert np.allclose(switch.loc[25:, "cost_day_activity_eur"], budget, atol=0.05)
    assert np.allclose(at_once.loc[13:, "cost_day_activity_eur"], budget, atol=0.05)
    # no assessments once access is open
    assert (switch.loc[13:, "cost_assessment_eur"] == 0).all()
    assert (switch.loc[13:, "assessment_queue"] == 0).all()


def test_switching_back_assesses_everyone_when_the_transition_ends(sc):
    back = _ts(sc, "back_to_assessment")
    assert (back.loc[:12, "cost_assessment_eur"] == 0).all()
    arrivals = back["queue_arrivals"]
    assert arrivals.loc[19] > 3 * max(arrivals.loc[14:18].max(), 1)  # 13 + 6: all re-assessed
    assert back.loc[13:, "cost_assessment_eur"].sum() > 0


@pytest.mark.parametrize("body, words", [
    ({"regime": "indicatie", "switch_month": 13}, "name the policy set"),
    ({"regime": "indicatie", "switch_to": "voorziening"}, "switch_month = None"),
    ({"regime": "indicatie", "switch_to": "voorziening", "switch_month": 0}, "from 1"),
    ({"regime": "indicatie", "switch_to": "voorzienin", "switch_month": 3}, "did you mean"),
    ({"regime": "indicatie", "switch_to": "twice", "switch_month": 3}, "switches again"),
])
def test_bad_switches_are_refused(small, body, words):
    from simulation.scenario import build

    data = small.as_dict()
    data["alternatives"] = {"x": body, "twice": SWITCH["to_open"]}
    with pytest.raises(InputError, match=words):
        build(data, name="bad", origin="test")

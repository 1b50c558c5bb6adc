"""Each variant from practice: its mechanism moves results the expected way, at its cost."""

import numpy as np

from simulation.declarations import VARIANT_NAMES
from simulation.experiment import compare
from simulation.model import DoorstroomModel

REPS = 6


def _pair(sc, a, b, **over):
    res = compare(sc.with_overrides(over) if over else sc, replications=REPS, seed=31,
                  policies=(a, b))
    return res.of(a), res.of(b)


def test_ontschot_pools_the_pots_and_frees_trials_from_the_reintegration_cap(small):
    tight = {"participatiewet.reintegration_budget_per_year_eur": 15_000.0}
    walls, one_pot = _pair(small, "voorziening", "voorziening+ontschot", **tight)
    assert walls["referrals_held_for_budget"].sum() > 0
    assert (one_pot["referrals_held_for_budget"] == 0).all()
    assert one_pot["trials_started"].sum() > walls["trials_started"].sum()
    assert (one_pot["payer_wmo_eur"] == 0).all()
    assert (one_pot["payer_pw_reintegration_eur"] == 0).all()
    assert np.allclose(one_pot["payer_ontschot_eur"] + one_pot["payer_pw_benefits_eur"]
                       + one_pot["payer_uwv_eur"], one_pot["cost_total_eur"])
    assert (walls["payer_ontschot_eur"] == 0).all()


def test_trial_placements_add_stages_at_employers_and_providers(small):
    plain, stages = _pair(small, "indicatie", "indicatie+trial_placements")
    assert stages["trials_started"].sum() > plain["trials_started"].sum()
    assert (stages["cost_trial_placement_eur"] >= plain["cost_trial_placement_eur"]).all()
    model = DoorstroomModel(small, policy="indicatie+trial_placements", seed=1)
    own = [e for e in model.employers if e.internal_of is not None]
    assert len(own) == len(model.providers) and all(e.inclusiveness == 1.0 for e in own)
    assert all(pr.partner_employers[0] == own[pr.index].index for pr in model.providers)
    assert all(e.trial_slots == small["employers.trial_slots"] + 1
               for e in model.employers if e.internal_of is None)


def test_single_front_door_makes_access_cheaper_and_faster(small):
    two, one = _pair(small, "indicatie", "indicatie+single_front_door")
    per = one["cost_assessment_eur"] / one["assessments_done"]
    assert np.allclose(per, small["indicatie.cost_per_assessment_eur"]
                       * small["single_front_door.assessment_cost_share"])
    assert one["mean_assessment_wait_months"].mean() < two["mean_assessment_wait_months"].mean()
    vrz, vrz_one = _pair(small, "voorziening", "voorziening+single_front_door")
    assert (vrz_one["cost_intake_eur"] < vrz["cost_intake_eur"] + 0.005).all()


def test_sheltered_work_is_a_rung_between_day_activities_and_work(small):
    sc = small.with_overrides({"sheltered_work.places_per_10000": 5.0})
    plain, beschut = _pair(sc, "indicatie", "indicatie+sheltered_work")
    places = round(5.0 * sc["population.inhabitants"] / 1e4)
    assert beschut["sheltered_work_started"].sum() > 0
    assert (beschut["in_sheltered_work_end"] <= places).all()
    started = beschut["sheltered_work_started"] > 0
    assert (beschut.loc[started, "cost_sheltered_work_eur"] > 0).all()
    assert (plain["cost_sheltered_work_eur"] == 0).all()
    assert beschut["benefits_saved_eur"].mean() > plain["benefits_saved_eur"].mean()
    model = DoorstroomModel(sc, policy="indicatie+sheltered_work", seed=2).run()
    assert model.timeseries()["in_sheltered_work"].max() <= places


def test_volunteer_offset_lowers_support_at_home_for_unpaid_workers(small):
    sc = small.with_overrides({"home_support.share_with_support": 0.3})
    plain, offset = _pair(sc, "indicatie", "indicatie+volunteer_offset")
    assert (offset["cost_home_support_eur"] < plain["cost_home_support_eur"]).all()
    assert (offset["jobs_started"] == plain["jobs_started"]).all()  # nothing else moves
    none, none_offset = _pair(small, "indicatie", "indicatie+volunteer_offset")
    assert (none["cost_home_support_eur"] == 0).all()
    assert (none_offset["net_cost_eur"] == none["net_cost_eur"]).all()


def test_all_variants_together_keep_the_books_balanced(small):
    every = "+".join(("voorziening", *VARIANT_NAMES))
    sc = small.with_overrides({"home_support.share_with_support": 0.2})
    model = DoorstroomModel(sc, policy=every, seed=4, ledger_detail=True).run()
    e = model.ledger.entries_frame()
    assert e["cents"].sum() == model.ledger.totals.sum()
    assert set(e["payer"]) <= {"ontschot", "pw_benefits", "uwv"}

"""The national scenario's parameters: its tables of municipalities, their own figures,
regimes and regions, and how a municipality's figures reach its model (docs/model.md §4.1)."""

from __future__ import annotations

from .records import param as _p

NATIONAL = (
    _p("national.municipalities", "str", "-", "", None, None,
       "evidence §15: CBS StatLine 03759NED, inhabitants on 1 January 2025 (data/README.md)",
       "Gemeententabel", "A CSV of municipalities (code, name, province, inhabitants), "
       "relative to the scenario file: each runs as it would alone (with its own providers and "
       "employers), made from this scenario by inhabitants (and national.social_figures), "
       "and results are summed nationally; "
       "empty: one municipality."),
    _p("national.social_figures", "str", "-", "", None, None,
       "evidence §16: CBS StatLine 85039NED, Kerncijfers wijken en buurten 2021 "
       "(data/README.md)",
       "Sociale cijfers per gemeente", "A CSV of each municipality's bijstand and "
       "disability-benefit clients and Wmo clients per 1,000 in 2021, relative to the "
       "scenario file, with the codes of national.municipalities: who is in scope and how "
       "many use day activities follow them, against the national rates; empty: by "
       "inhabitants only."),
    _p("national.wmo_ratio_bounds", "list[float]", "ratio", [0.5, 1.5], 0.0, 10.0,
       "evidence §16: the Wmo rate counts all Wmo support (about one user in six has "
       "guidance, under which day activities fall), so it stands in for day-activity use "
       "only within bounds; assumption: half to one and a half times the national rate",
       "Grenzen Wmo-verhouding", "Lowest and highest ratio of a municipality's Wmo clients "
       "per 1,000 to the national rate that its day-activity use follows "
       "(national.social_figures).", length=2),
    _p("national.regimes", "str", "-", "", None, None,
       "assumption: every municipality has the scenario's policy.regime unless a table "
       "gives it its own",
       "Eigen regime per gemeente", "A CSV (code, regime) of municipalities with a policy set "
       "of their own (a regime, REGIME+VARIANT or an alternative), relative to the scenario "
       "file; the policy set 'own' runs each municipality under its own (the others under "
       "policy.regime); empty: none."),
    _p("national.regions", "str", "-", "", None, None,
       "assumption: municipalities buy day activities on their own unless a table groups "
       "them (regional purchasing of Wmo support is common; which municipalities buy "
       "together is not in the model's sources)",
       "Regio's", "A CSV (code, region) grouping municipalities into regions, relative to "
       "the scenario file: within a region the municipalities under the same regime share "
       "their providers' places, all share their employers (each keeps its own regime and "
       "budget), and a place in another municipality costs "
       "day_activity.transport_factor_elsewhere times the transport; unlisted "
       "municipalities stay alone; empty: each alone."),
    _p("national.select", "list[str]", "-", [], None, None,
       "assumption: every municipality of the table unless a subset is asked for",
       "Selectie gemeenten", "CBS codes (GM0363), province names or region names "
       "(national.regions) to run from the table; empty: all of them."),
)

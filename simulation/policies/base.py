"""The one interface of regimes and variants, and the policy that combines them.

A ``Policy`` is a regime plus any variants, all ``PolicyPart``s. The model asks the
policy, never ``if regime == ...``:

- **answers**: a question with a default (``Policy.fear()`` starts at 0); the regime,
  then each variant, may adjust the answer the parts before it gave;
- **events**: what happens in the month (``on_referral``, ``on_hire``, ``on_job_loss``,
  ``on_job_sustained``) and a part's own monthly ``step``; a variant's rules live in its
  class;
- **the regime's route**: ``access``, ``capacities``, ``guidances``, ``pay``, ``adopt``.

Each part's name is declared in ``simulation.declarations`` (labels, parameters, ledger
categories); the classes register themselves by that name.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..declarations import CATEGORIES, DEFAULT_PAYER

#: Classes by name: regimes and variants register themselves (see ``__init_subclass__``).
REGIME_CLASSES: dict[str, type["Regime"]] = {}
VARIANT_CLASSES: dict[str, type["VariantPart"]] = {}


class PolicyPart:
    """Base of regimes and variants: every answer passes through, every event does nothing.

    An answer method gets the value the parts before it gave and the model's parameters
    ``p``, and returns its own. An event gets the model, the residents concerned (rows of
    the population arrays) and the month.
    """

    name = "part"
    #: Counters this part keeps in ``model.stats`` (set to 0 for every run, used or not).
    counters: tuple[str, ...] = ()

    # --- answers ------------------------------------------------------------------

    def reaches_latent_demand(self, value: bool, p) -> bool:
        return value

    def referral_aversion(self, value: float, p) -> float:
        return value

    def fear(self, value: float, p) -> float:
        return value

    def assessment_cost_share(self, value: float, p) -> float:
        return value

    def processing_months(self, value: float, p) -> float:
        return value

    def separate_pots(self, value: bool, p) -> bool:
        return value

    def extra_trial_slots(self, value: int, p) -> int:
        return value

    def internal_trial_slots(self, value: int, p) -> int:
        return value

    def stage_skill_boost(self, value: float, p) -> float:
        return value

    def stage_min_rung(self, value: int, p) -> int:
        return value

    def sheltered_places(self, value: float, p) -> float:
        return value

    def home_support_reduction(self, value: float, p) -> float:
        return value

    def light_case_preference(self, value: float, p) -> float:
        return value

    def places_by_fit(self, value: bool, p) -> bool:
        return value

    def activation_for_all(self, value: bool, p) -> bool:
        return value

    def activation_at_providers(self, value: bool, p) -> bool:
        return value

    def payer(self, value: str, category: str) -> str:
        return value

    # --- events -------------------------------------------------------------------

    def on_referral(self, model, rows: np.ndarray, month: int) -> None:
        """Residents who started a trial placement this month."""

    def on_hire(self, model, rows: np.ndarray, month: int) -> None:
        """Residents hired after a trial this month."""

    def on_job_loss(self, model, rows: np.ndarray, month: int) -> bool:
        """Residents whose job ended; return True when this part decided where they go."""
        return False

    def on_job_sustained(self, model, rows: np.ndarray, month: int) -> None:
        """Residents whose job reached six months this month."""

    def step(self, model, month: int) -> None:
        """The part's own work in the month (after the work pathway's common rules)."""


class Regime(PolicyPart):
    """A way of giving access to day activities and paying for them."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        REGIME_CLASSES[cls.name] = cls

    def adopt(self, model, month: int, previous: "Regime", transition_months: int) -> None:
        """Take over from ``previous`` at a policy switch (nothing to do for the same regime)."""

    def access(self, model, month: int, requests: np.ndarray) -> None:
        raise NotImplementedError

    def capacities(self, model) -> np.ndarray:
        """Dagdeel places a week at each provider."""
        raise NotImplementedError

    def guidances(self, model, slots: np.ndarray, attendance: np.ndarray) -> np.ndarray:
        """Each provider's guidance, given its places and this month's attendance."""
        raise NotImplementedError

    def pay(self, model, month: int) -> None:
        raise NotImplementedError


class VariantPart(PolicyPart):
    """A variant from practice, switched on beside a regime."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        VARIANT_CLASSES[cls.name] = cls


class Policy:
    """A regime plus variants, asked by the model through one small interface.

    Args:
        regime: a regime's name.
        variants: variant names, in the order they adjust answers.
        p: the model's parameters, which every answer reads.
    """

    def __init__(self, regime: str, variants=(), p: Mapping[str, Any] | None = None):
        self.p = p
        self.regime: Regime = REGIME_CLASSES[regime]()
        self.variants = [VARIANT_CLASSES[v]() for v in variants]
        self.parts: list[PolicyPart] = [self.regime, *self.variants]
        self._payers: dict[str, str] = {}
        self._answers: dict[tuple, Any] = {}

    @property
    def name(self) -> str:
        return "+".join(part.name for part in self.parts)

    def _fold(self, hook: Callable, start):
        """``start`` through every part's ``hook``: the regime first, then the variants.
        An answer depends on the parameters alone, so it is worked out once."""
        key = (hook.__name__, start)
        if key not in self._answers:
            value = start
            for part in self.parts:
                value = getattr(part, hook.__name__)(value, self.p)
            self._answers[key] = value
        return self._answers[key]

    # --- answers, each with the value it starts from ----------------------------------

    def reaches_latent_demand(self) -> bool:
        """Whether residents who ask only where no assessment is needed ask here (latent
        demand, ``help_seeking.latent_share``); an assessment deters them."""
        return self._fold(PolicyPart.reaches_latent_demand, False)

    def fear(self) -> float:
        """How much less a resident tries work for fear of losing support (0: not at all)."""
        return self._fold(PolicyPart.fear, 0.0)

    def referral_aversion(self) -> float:
        """How much less a provider refers clients to work for fear of lost revenue."""
        return self._fold(PolicyPart.referral_aversion, 0.0)

    def assessment_cost_share(self) -> float:
        """Cost of an assessment or intake relative to the declared price."""
        return self._fold(PolicyPart.assessment_cost_share, 1.0)

    def processing_months(self) -> int:
        """Months an assessment takes at least, queue aside (never below 0)."""
        start = self.p["indicatie.min_processing_months"]
        return max(0, int(self._fold(PolicyPart.processing_months, start)))

    def separate_pots(self) -> bool:
        """Wmo and Participatiewet money in separate pots (walls between them)."""
        return self._fold(PolicyPart.separate_pots, True)

    def extra_trial_slots(self) -> int:
        """Trial places per market employer on top of ``employers.trial_slots``."""
        return int(self._fold(PolicyPart.extra_trial_slots, 0))

    def internal_trial_slots(self) -> int:
        """Trial places in each provider's own business (0: none)."""
        return int(self._fold(PolicyPart.internal_trial_slots, 0))

    def stage_skill_boost(self) -> float:
        """Skills a trial that ends without a job adds (0: none)."""
        return self._fold(PolicyPart.stage_skill_boost, 0.0)

    def stage_min_rung(self) -> int:
        """Lowest ladder rung from which a resident may be proposed for a trial."""
        return self._fold(PolicyPart.stage_min_rung, 4)

    def sheltered_places(self) -> int:
        """Places in sheltered work (0: none)."""
        return int(round(self._fold(PolicyPart.sheltered_places, 0.0)))

    def home_support_reduction(self) -> float:
        """Share of support at home dropped for residents doing unpaid work."""
        return self._fold(PolicyPart.home_support_reduction, 0.0)

    def light_case_preference(self) -> float:
        """How far stable residents move up the placement list (0: longest waiting first)."""
        return self._fold(PolicyPart.light_case_preference, 0.0)

    def places_by_fit(self) -> bool:
        """Whether a resident is placed where the provider is made for the resident's group
        (a decision names the provider), or walks in anywhere."""
        return self._fold(PolicyPart.places_by_fit, False)

    def activation_for_all(self) -> bool:
        """Whether activation routes are open to every resident without support, not only to
        the Participatiewet's clients (one budget for one person)."""
        return self._fold(PolicyPart.activation_for_all, False)

    def activation_at_providers(self) -> bool:
        """Whether an activation route may take a free place at a social enterprise made for
        the resident's group, without a Wmo decision (one budget for one person)."""
        return self._fold(PolicyPart.activation_at_providers, False)

    def payer(self, category: str) -> str:
        """Who pays a category under this policy (asked for every booking, so remembered)."""
        value = self._payers.get(category)
        if value is None:
            value = DEFAULT_PAYER[category]
            for part in self.parts:
                value = part.payer(value, category)
            self._payers[category] = value
        return value

    def payers(self, category: str) -> tuple[str, str]:
        """Who pays a category for a resident: under this policy, and for a UWV client
        (Wajong, WIA), UWV where the category's declaration says so."""
        payer = self.payer(category)
        return payer, CATEGORIES[category].uwv_payer or payer

    def referral_chance(self) -> float:
        """A provider's monthly chance of proposing a ready client for a trial."""
        return self.p["providers.referral_per_month"] * (1.0 - self.referral_aversion())

    def each(self, answer: str, values: Sequence[Mapping[str, Any]]) -> np.ndarray:
        """An answer (a method's name, ``"fear"``) for each municipality of the policy's
        model, from its own ``values`` (several in one model may each hold their own, a
        PSA's draws say); worked out once, like every answer."""
        key = ("each", answer)
        if key not in self._answers:
            names = [part.name for part in self.variants]
            self._answers[key] = np.array([getattr(Policy(self.regime.name, names, q), answer)()
                                           for q in values])
        return self._answers[key]

    # --- the regime's route -------------------------------------------------------------

    def access(self, model, month, requests) -> None:
        self.regime.access(model, month, requests)

    def capacities(self, model) -> np.ndarray:
        return self.regime.capacities(model)

    def guidances(self, model, slots: np.ndarray, attendance: np.ndarray) -> np.ndarray:
        return self.regime.guidances(model, slots, attendance)

    def pay(self, model, month) -> None:
        self.regime.pay(model, month)

    # --- events -------------------------------------------------------------------------

    def on_referral(self, model, rows, month) -> None:
        for part in self.parts:
            part.on_referral(model, rows, month)

    def on_hire(self, model, rows, month) -> None:
        for part in self.parts:
            part.on_hire(model, rows, month)

    def on_job_loss(self, model, rows, month) -> None:
        """The most specific part that handles a job loss decides (a variant before the
        regime)."""
        for part in reversed(self.parts):
            if part.on_job_loss(model, rows, month):
                return
        raise AssertionError("the regime must handle a job loss")

    def on_job_sustained(self, model, rows, month) -> None:
        for part in self.parts:
            part.on_job_sustained(model, rows, month)

    def step(self, model, month) -> None:
        for part in self.parts:
            part.step(model, month)


def all_counters() -> tuple[str, ...]:
    """Every counter any part keeps, so a run's statistics have them all."""
    classes = [*REGIME_CLASSES.values(), *VARIANT_CLASSES.values()]
    return tuple(dict.fromkeys(c for cls in classes for c in cls.counters))

"""Every sentence of the comparison report, in Dutch (the default, ``report_texts_nl``)
and English (``report_texts_en``), one dictionary per language with the same keys.

Names of metrics, categories, payers, policy sets and target groups are not here: they
come from the declarations (``simulation.presentation``); the words on the charts' axes
are in ``simulation.charts``. A key used with ``str.format`` names its fields in braces.
"""

from __future__ import annotations

from .report_texts_en import EN
from .report_texts_nl import NL

LABELS = {"nl": NL, "en": EN}

if set(NL) != set(EN):  # a sentence in one language only is ours to fix, found on import
    raise ValueError(f"report texts: keys in one language only: {sorted(set(NL) ^ set(EN))}")

"""How a figure reads, on screen and in a finding's message: one function, driven by the catalog.

The step a figure is shown to comes from its unit (`catalog/units.csv`: counts whole, 万元 to the 分,
a figure without a unit to two decimals) or from its rate (`catalog/rates.csv`); the figure is rounded
half up to that step, thousands are separated by commas, and zeros after the decimal point are dropped
(12.50 reads 12.5, 3.0 reads 3). A blank is shown blank — never as 0.
"""

from __future__ import annotations

import sys
from decimal import ROUND_HALF_UP, Decimal
from numbers import Real

from . import catalog


def format_value(value, unit_of=None) -> str:
    """`value` as it reads; "" when it is blank (None, NaN, pandas' NA).

    `unit_of` says what the figure counts: an indicator id or catalog.Indicator (its unit), a
    catalog.Rate (its format), a unit as the catalog writes it (件, 万元, %), or None for no unit."""
    pandas = sys.modules.get("pandas")  # only a frame's cell can be pandas' NA, and then pandas is loaded
    if value is None or (pandas is not None and value is pandas.NA):
        return ""
    if isinstance(value, bool) or not isinstance(value, (Real, Decimal)):
        raise TypeError(f"not a figure: {value!r}")
    if value != value:  # NaN: a blank cell in a frame
        return ""
    number = value if isinstance(value, Decimal) else Decimal(int(value)) if float(value).is_integer() else Decimal(repr(float(value)))
    shown = number.quantize(Decimal(step(unit_of)), rounding=ROUND_HALF_UP)
    if shown == 0:
        shown = abs(shown)  # no "-0" from a small negative figure
    text = f"{shown:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def step(unit_of=None) -> str:
    """The step a figure is shown to, as the catalog gives it ('1', '0.000001', …)."""
    if isinstance(unit_of, catalog.Rate):
        return unit_of.format
    if isinstance(unit_of, catalog.Indicator):
        unit = unit_of.unit
    elif unit_of is not None and unit_of in catalog.indicators():
        unit = catalog.get(unit_of).unit
    else:
        unit = unit_of or ""
    formats = catalog.unit_formats()
    if unit not in formats:
        raise KeyError(f"catalog/units.csv has no row for the unit {unit!r}")
    return formats[unit]

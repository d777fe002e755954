"""A key figure card: the figure, its change on a named base year coloured by the figure's direction (green
better, red worse, grey when the figure has no better or worse), or why there is no change to show."""

from __future__ import annotations

from ..formats import format_value
from ..views.changes import change_side
from .i18n import t

SIDE_COLOUR = {"better": "green", "worse": "red", "neutral": "gray"}  # st.metric's named delta colours


def signed(delta: float, unit: str) -> str:
    text = format_value(abs(delta), unit)
    if not text.strip("0."):
        return "0"
    return ("-" if delta < 0 else "+") + text


def key_figure_card(
    column, label: str, value: float | None, unit: str, direction: str, base_year: int, change: str, delta, help: str | None = None
) -> None:
    """`change`: compared (then `delta` is the change, None when the base year has no figure to compare), not_comparable
    (the base year's report is on another template family) or no_previous."""
    if value is None:  # a rate whose denominator is 0 or blank cannot be computed; a count left blank stays blank
        shown = "—" if unit == "%" else t("blank")
        help = " ".join(p for p in (t("rate_not_computable") if unit == "%" else "", help or "") if p) or None
    else:
        shown = format_value(value, unit) + ("%" if unit == "%" else "")
    if change == "compared" and delta is not None:
        change_text = signed(delta, unit)
        column.metric(
            label,
            shown,
            delta=change_text + (t("percentage_points") if unit == "%" and change_text != "0" else ""),
            delta_color=SIDE_COLOUR[change_side(delta, direction)],
            delta_arrow="off" if delta == 0 else "auto",
            delta_description=t("compared_with_year", year=base_year),
            help=help,
            border=True,
        )
        return
    words = {
        "compared": t("no_base_figure", year=base_year),
        "not_comparable": t("not_comparable_short"),
        "no_previous": t("no_report_in_year", year=base_year),
    }[change]
    if change == "not_comparable":
        help = " ".join(p for p in (t("not_comparable_with_year"), help or "") if p)
    column.metric(label, shown, delta=words, delta_color="gray", delta_arrow="off", help=help, border=True)

"""Whether a change on the year before is good news: the figure's direction (catalog: higher_better, lower_better,
neutral) decides; a count with no better or worse, or no change, is neither."""

from __future__ import annotations


def change_side(delta: float | None, direction: str) -> str:
    """better / worse / neutral for a change of `delta` on a figure of `direction`."""
    if delta is None or delta == 0 or direction not in ("higher_better", "lower_better"):
        return "neutral"
    return "better" if (delta > 0) == (direction == "higher_better") else "worse"

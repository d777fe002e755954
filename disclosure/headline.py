"""The key figures leadership sees first, per template; each is one indicator or a sum of a few."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Headline:
    key: str
    zh: str
    en: str
    indicators: tuple[str, ...]  # summed; blank only when every part is blank


HEADLINES: dict[str, list[Headline]] = {
    "2014": [
        Headline("active", "主动公开总数", "Proactively disclosed", ("active.total",)),
        Headline("received", "收到申请", "Requests received", ("requests.received",)),
        Headline("closed", "申请办结", "Requests closed", ("requests.closed",)),
        Headline("review", "行政复议", "Administrative reviews", ("review.total",)),
        Headline("litigation", "行政诉讼", "Lawsuits", ("litigation.total",)),
        Headline("staff", "工作人员", "Staff", ("capacity.staff",)),
    ],
    "2019": [
        Headline("received", "新收申请", "New requests", ("requests.received",)),
        Headline("carried_over", "上年结转", "Carried over", ("requests.carried_over",)),
        Headline("granted", "予以公开", "Granted", ("requests.outcome.granted",)),
        Headline("handled", "办理总计", "Handled in total", ("requests.outcome.total",)),
        Headline("review", "行政复议", "Administrative reviews", ("review.total",)),
        Headline("litigation", "行政诉讼", "Lawsuits", ("litigation.direct.total", "litigation.after_review.total")),
    ],
}
HEADLINES["2021"] = HEADLINES["2019"]
HEADLINES["local"] = [
    Headline("active", "主动公开总数", "Proactively disclosed", ("active.total",)),
    Headline("website", "网站公开", "On the website", ("active.channel.website",)),
    Headline("received", "受理申请", "Requests accepted", ("requests.received",)),
    Headline("answered", "答复申请", "Requests answered", ("requests.answered",)),
    Headline("review", "行政复议", "Administrative reviews", ("review.total",)),
    Headline("litigation", "行政诉讼", "Lawsuits", ("litigation.total",)),
]
HEADLINES["none"] = []  # a report published without its statistics table


def headline_value(values: dict[str, float | None], headline: Headline) -> float | None:
    parts = [values.get(i) for i in headline.indicators]
    present = [p for p in parts if p is not None]
    return sum(present) if present else None


def all_indicators() -> list[str]:
    return sorted({i for hs in HEADLINES.values() for h in hs for i in h.indicators})

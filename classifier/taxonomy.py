"""The 40 chart types whatplot recognises, in the order of the model's outputs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: The label of everything people post that is no chart: photos, tables, screenshots, text.
NOT_A_CHART = "not_a_chart"


@dataclass(frozen=True)
class Link:
    """A page that shows how to make a chart type."""

    title: str
    url: str


@dataclass(frozen=True)
class ChartType:
    """One label of the taxonomy."""

    id: str
    name: str
    looks_like: str
    description: str
    links: tuple[Link, ...]
    reference_class: str | None = None  # the matching class of the reference project, if any


@cache
def load_taxonomy() -> tuple[ChartType, ...]:
    """All chart types in contract order (the order of the model's outputs)."""
    raw = json.loads(resources.files("classifier").joinpath("data/chart_types.json").read_text("utf-8"))
    return tuple(
        ChartType(
            id=entry["id"],
            name=entry["name"],
            looks_like=entry["looks_like"],
            description=entry["description"],
            links=tuple(Link(**link) for link in entry["links"]),
            reference_class=entry.get("reference_class"),
        )
        for entry in raw
    )


@cache
def chart_types_by_id() -> dict[str, ChartType]:
    """Chart types keyed by their id."""
    return {t.id: t for t in load_taxonomy()}

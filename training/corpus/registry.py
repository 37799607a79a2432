"""The registry of chart renderers.

A renderer is a function that draws one random chart of one label with one plotting library::

    @renderer("pie", "matplotlib")
    def pie_matplotlib(rng: np.random.Generator) -> Rendered:
        ...

It draws everything (data, size, theme, text) from ``rng`` so that the same seed gives the same
image, and returns the picture with a short ``style`` tag that ends up in the manifest.
Renderer modules live in ``training/corpus/renderers/``; the generator imports them all
(:func:`training.corpus.generate.load_renderers`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image


@dataclass(frozen=True)
class Rendered:
    """One rendered chart before degradation."""

    image: Image.Image  # RGB
    style: str  # e.g. "ggplot,dark,wide"; free text without tabs


RenderFn = Callable[[np.random.Generator], Rendered]


@dataclass(frozen=True)
class Renderer:
    """A function that renders one label with one library."""

    label: str
    library: str
    fn: RenderFn
    weight: int = 1  # round-robin slots among the label's renderers: how common this kind of picture is

    @property
    def name(self) -> str:
        return f"{self.library}:{self.fn.__name__}"


_RENDERERS: list[Renderer] = []


def renderer(label: str, library: str, weight: int = 1) -> Callable[[RenderFn], RenderFn]:
    """Register ``fn`` as a renderer of ``label`` drawn with ``library``, taking ``weight`` of the label's
    round-robin slots."""

    def register(fn: RenderFn) -> RenderFn:
        _RENDERERS.append(Renderer(label, library, fn, weight))
        return fn

    return register

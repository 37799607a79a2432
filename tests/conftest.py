"""Shared fixtures: the real shipped model, loaded once."""

from __future__ import annotations

import pytest

from classifier import ChartClassifier


@pytest.fixture(scope="session")
def classifier() -> ChartClassifier:
    return ChartClassifier.load()

"""Synthetic chart corpus: every label of the taxonomy rendered by real plotting libraries."""

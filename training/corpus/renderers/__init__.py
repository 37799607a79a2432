"""Renderer modules, one per plotting library (or family)."""

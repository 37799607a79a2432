"""whatplot's web page and JSON API (``whatplot web``): upload a chart, see its type."""

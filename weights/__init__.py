"""The shipped model: ``whatplot.tflite`` and its ``labels.txt`` (a package so that ``pip install .`` installs them)."""

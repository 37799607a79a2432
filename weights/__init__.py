"""The shipped models: ``whatplot.tflite`` and ``whatplot-b.tflite``, averaged by the classifier, and their
``labels.txt`` (a package so that ``pip install .`` installs them)."""

"""``python -m training.corpus``: generate the synthetic chart corpus (see training/corpus/generate.py)."""

import sys

from training.corpus.generate import main

if __name__ == "__main__":
    sys.exit(main())

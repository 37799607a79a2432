"""A quick, deterministic mutation fuzz of decoding (scripts/fuzz_decode.py runs the long one, in worker processes;
both mutate the seeds of tests/fuzzing.py).

Every seed image (one of each format and variant we decode) is mutated a thousand times, at a fixed random seed:
each case must give the model's input or a WhatplotError, never another exception.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from classifier.errors import WhatplotError
from classifier.imaging import preprocess
from tests.fuzzing import build_seeds, make_case


SIZE = 224
CASES_PER_SEED = 1000
SEEDS = build_seeds()


@pytest.mark.filterwarnings("ignore")  # Pillow warns of damaged files: what it then does is what counts
@pytest.mark.parametrize("name", list(SEEDS))
def test_a_mutated_image_gives_the_models_input_or_a_whatplot_error(name: str) -> None:
    rng = random.Random(name)  # a string seeds the same sequence in every run
    for _ in range(CASES_PER_SEED):
        _, steps, data = make_case(rng, SEEDS, name)
        try:
            x = preprocess(data, SIZE)
        except WhatplotError:
            continue
        except Exception as exc:  # noqa: BLE001 - what this test looks for
            pytest.fail(f"{name} mutated ({'; '.join(steps)}): {exc!r}")
        assert isinstance(x, np.ndarray) and x.shape == (SIZE, SIZE, 3) and x.dtype == np.uint8

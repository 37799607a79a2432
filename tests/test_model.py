"""The shipped model behind ChartClassifier: labels, ranking, batching, threads, bad model files."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from classifier import ChartClassifier, load_taxonomy
from classifier.errors import ModelError
from tests.images import bar_chart, encode


def test_shipped_labels_match_the_taxonomy_order(classifier: ChartClassifier) -> None:
    assert classifier.labels == tuple(t.id for t in load_taxonomy())
    assert len(classifier.labels) == 40


def test_predictions_are_ranked_and_sum_to_one(classifier: ChartClassifier) -> None:
    everything = classifier.predict(encode(bar_chart()), top_k=None)
    assert len(everything) == 40
    assert sum(p.confidence for p in everything) == pytest.approx(1.0, abs=1e-4)
    assert [p.confidence for p in everything] == sorted((p.confidence for p in everything), reverse=True)
    top3 = classifier.predict(encode(bar_chart()), top_k=3)
    assert top3 == everything[:3]
    assert {p.name for p in top3} <= {t.name for t in load_taxonomy()}


def test_predict_many_matches_predict(classifier: ChartClassifier) -> None:
    images = [encode(bar_chart((w, 300))) for w in (300, 500, 800)]
    batched = classifier.predict_many(images, batch_size=2)
    for image, predictions in zip(images, batched):
        single = classifier.predict(image)
        assert [p.label for p in predictions] == [p.label for p in single]
        assert [p.confidence for p in predictions] == pytest.approx([p.confidence for p in single], abs=1e-4)


def test_the_shipped_classifier_averages_its_models(classifier: ChartClassifier) -> None:
    from classifier import config
    from classifier.imaging import preprocess

    batch = preprocess(encode(bar_chart()), classifier.input_size)[None]
    members = [ChartClassifier.load(config.WEIGHTS_DIR / name).probabilities(batch) for name in config.SHIPPED_MODELS]
    assert len(members) == 2 and not np.allclose(members[0], members[1], atol=1e-3)  # two different networks
    assert np.allclose(classifier.probabilities(batch), np.mean(members, axis=0), atol=1e-6)
    named = ChartClassifier.load([config.WEIGHTS_DIR / name for name in config.SHIPPED_MODELS])
    assert np.allclose(named.probabilities(batch), classifier.probabilities(batch), atol=1e-6)


def test_models_averaged_together_must_share_their_labels(tmp_path) -> None:
    from classifier import config

    other = tmp_path / "other.tflite"
    other.write_bytes((config.WEIGHTS_DIR / config.MODEL_FILENAME).read_bytes())
    labels = (config.WEIGHTS_DIR / config.LABELS_FILENAME).read_text().split()
    (tmp_path / "labels.txt").write_text("\n".join([labels[1], labels[0], *labels[2:]]))  # same labels, another order
    with pytest.raises(ModelError, match="labels differ"):
        ChartClassifier.load([config.WEIGHTS_DIR / config.MODEL_FILENAME, other])
    with pytest.raises(ModelError, match="No model file"):
        ChartClassifier.load([])


def test_concurrent_calls_from_threads_agree(classifier: ChartClassifier) -> None:
    images = [encode(bar_chart((300 + 40 * i, 300))) for i in range(8)]
    expected = [classifier.predict(image) for image in images]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(classifier.predict, images * 3))
    for got, want in zip(results, expected * 3):
        assert [p.label for p in got] == [p.label for p in want]
        assert np.allclose([p.confidence for p in got], [p.confidence for p in want], atol=1e-4)


def test_missing_model_is_a_model_error_naming_the_file(tmp_path) -> None:
    with pytest.raises(ModelError, match="The model file .*missing.tflite doesn't exist"):
        ChartClassifier.load(tmp_path / "missing.tflite")


def test_a_folder_given_as_the_model_is_not_called_missing(tmp_path) -> None:
    with pytest.raises(ModelError, match=f"The model file {tmp_path} isn't a file"):
        ChartClassifier.load(tmp_path)


def test_a_model_without_its_labels_is_a_model_error_naming_them(tmp_path) -> None:
    from classifier import config

    model = tmp_path / "whatplot.tflite"
    model.write_bytes((config.WEIGHTS_DIR / config.MODEL_FILENAME).read_bytes())
    with pytest.raises(ModelError) as missing:
        ChartClassifier.load(model)
    labels = tmp_path / "labels.txt"
    assert str(missing.value) == f"The model's labels file {labels} doesn't exist: it belongs beside the model."


def test_corrupt_model_is_a_model_error(tmp_path) -> None:
    (tmp_path / "whatplot.tflite").write_bytes(b"not a flatbuffer" * 100)
    (tmp_path / "labels.txt").write_text("bar\n")
    with pytest.raises(ModelError):
        ChartClassifier.load(tmp_path / "whatplot.tflite")


def test_an_empty_model_file_is_called_empty(tmp_path) -> None:
    """LiteRT's own words for it are "mmap of size 0 requested.The model allocation is null/empty"."""
    (tmp_path / "whatplot.tflite").write_bytes(b"")
    (tmp_path / "labels.txt").write_text("bar\n")
    with pytest.raises(ModelError) as empty:
        ChartClassifier.load(tmp_path / "whatplot.tflite")
    assert str(empty.value) == f"The model file {tmp_path / 'whatplot.tflite'} is empty."


def test_labels_that_do_not_fit_the_model_are_refused(tmp_path, classifier: ChartClassifier) -> None:
    from classifier import config

    model = tmp_path / "whatplot.tflite"
    model.write_bytes((config.WEIGHTS_DIR / config.MODEL_FILENAME).read_bytes())
    (tmp_path / "labels.txt").write_text("bar\nline\n")
    with pytest.raises(ModelError, match="40 outputs"):
        ChartClassifier.load(model)


def test_shipped_model_names_clean_renders_of_common_types(classifier: ChartClassifier) -> None:
    """Fresh renders (seeds the corpus never used) of common chart types, one per library family."""
    from training.corpus.generate import load_renderers

    by_label = load_renderers()
    labels = ["bar", "horizontal_bar", "line", "scatter", "pie", "donut", "box", "violin", "heatmap", "treemap", "word_cloud", "candlestick"]
    correct = []
    for k, label in enumerate(labels):
        renderer = next(r for r in by_label[label] if r.library in ("matplotlib", "seaborn", "squarify", "wordcloud", "mplfinance"))
        image = renderer.fn(np.random.default_rng(10_000_000 + k)).image
        correct.append(classifier.predict(image, top_k=1)[0].label == label)
    assert sum(correct) >= 10, dict(zip(labels, correct))

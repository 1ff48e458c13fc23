"""The metric docs are generated from the registry and must be committed up to date."""

from pathlib import Path

from supportlens.docs import render
from supportlens.metrics.registry import all_metrics

DOCS = Path(__file__).resolve().parents[1] / "docs" / "metrics.md"


def test_every_metric_is_documented() -> None:
    text = DOCS.read_text()
    missing = [m.id for m in all_metrics() if f"### `{m.id}`" not in text]
    assert missing == [], f"run `make docs`: docs/metrics.md misses {missing}"


def test_docs_match_the_registry() -> None:
    assert DOCS.read_text() == render(), "docs/metrics.md is stale: run `make docs`"


def test_every_metric_has_a_description_and_dated_by() -> None:
    for m in all_metrics():
        assert m.description.strip() and m.dated_by.strip(), m.id

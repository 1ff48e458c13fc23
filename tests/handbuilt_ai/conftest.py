"""Imports the hand-built AI conversations once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportlens.api import Workspace
from tests.support import import_dataset

DATA = Path(__file__).parent / "data"
NOW = "2026-04-01T00:00:00Z"


@pytest.fixture(scope="session")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return import_dataset(tmp_path_factory, DATA, "handbuilt-ai")

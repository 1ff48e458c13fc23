"""Imports the hand-built AI conversations once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from supportlens.api import Workspace

DATA = Path(__file__).parent / "data"
NOW = "2026-04-01T00:00:00Z"


@pytest.fixture(scope="session")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    folder = tmp_path_factory.mktemp("ai_data")
    for f in DATA.glob("*.csv"):
        shutil.copy(f, folder / f.name)
    workspace = Workspace.open(tmp_path_factory.mktemp("ai_store") / "ai.duckdb")
    workspace.import_folder(folder)
    return workspace

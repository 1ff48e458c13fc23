"""What the web-app test modules (tests/test_web_*.py) share: a store of the hand-built
dataset with a viewer, an editor and an admin (one per module), the app over it, and a
logged-in viewer (the login itself is tests/web_client.py).

test_web_gaps.py builds its own store and app (overriding `db` and `app` here).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supportlens.accounts import Accounts
from supportlens.web.app import create_app
from tests.support import import_dataset
from tests.web_client import HANDBUILT, PASSWORD, ROLES, login


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = import_dataset(tmp_path_factory, HANDBUILT, "web").store.path
    accounts = Accounts.for_store(path)
    for role in ROLES:
        accounts.create_user(role, role, PASSWORD)
    return path


@pytest.fixture(scope="module")
def app(db: Path) -> Any:
    return create_app(db)


# Per test: changing one's own password (the permission matrix does) ends other sessions.
@pytest.fixture
def viewer(app: Any) -> TestClient:
    return login(app, "viewer")

"""Test isolation: no test reads the user's refkit settings or touches their cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

_SETTINGS = (
    "REFKIT_MAILTO",
    "REFKIT_CROSSREF_URL",
    "REFKIT_DOI_URL",
    "REFKIT_CROSSREF_PLUS_TOKEN",
    "REFKIT_OFFLINE",
    "REFKIT_STYLE",
    "REFKIT_TEMPLATES",
)


@pytest.fixture(autouse=True)
def isolated_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A private cache folder and no settings from the environment of whoever runs the tests.

    Crossref is never reachable from tests unless a test starts its own local server and
    points the client at it; the default URL would otherwise be the real service.
    """
    cache = tmp_path_factory.mktemp("refkit-cache")
    monkeypatch.setenv("REFKIT_CACHE_DIR", str(cache))
    for name in _SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REFKIT_CROSSREF_URL", "http://127.0.0.1:9/unreachable-in-tests")
    monkeypatch.setenv("REFKIT_DOI_URL", "http://127.0.0.1:9/unreachable-in-tests")
    yield cache

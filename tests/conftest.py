from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def built(app):  # type: ignore[no-untyped-def]
    """The test app after a full build (each test checks the build's warnings)."""
    app.build(force_all=True)
    return app


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test reads its sources afresh: test roots share a build directory, and an
    environment left by another builder (e.g. text, which skips smart quotes) must not leak."""
    for item in items:
        marker = item.get_closest_marker("sphinx")
        if marker is not None and "freshenv" not in marker.kwargs:
            marker.kwargs["freshenv"] = True

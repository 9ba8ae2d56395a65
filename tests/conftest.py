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

"""Run security tests at each isolation level the machine offers.

Namespace tests skip with the reason where bubblewrap cannot run; with
DLGRADE_REQUIRE_NAMESPACES=1 (set by .ci/run once it has installed bubblewrap)
they fail instead, so CI cannot pass by skipping them.
"""

from __future__ import annotations

import os

import pytest

from grader.sandbox import namespaces


def require_namespaces() -> None:
    reason = namespaces.unavailable_reason()
    if reason is None:
        return
    if os.environ.get("DLGRADE_REQUIRE_NAMESPACES") == "1":
        pytest.fail(f"namespaces are required here (DLGRADE_REQUIRE_NAMESPACES=1), but {reason}")
    pytest.skip(f"needs namespaces: {reason}")


@pytest.fixture(params=["process", "namespaces"])
def isolation(request) -> str:
    """Each isolation level a test runs under; namespaces only where bubblewrap works."""
    if request.param == "namespaces":
        require_namespaces()
    return request.param


@pytest.fixture
def sandboxed() -> str:
    require_namespaces()
    return "namespaces"

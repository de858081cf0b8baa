"""The test suite is sealed from the developer's machine and from the network."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest


def test_tests_cannot_leave_this_machine() -> None:
    with socket.socket() as sock, pytest.raises(AssertionError, match=r"only 127\.0\.0\.1"):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed


def test_tests_never_see_the_developers_settings() -> None:
    leaked = [k for k in os.environ if k.startswith(("SUMMARIZE_", "OPENAI_"))]
    assert not [k for k in leaked if not k.startswith("SUMMARIZE_TEST_")]
    assert not Path(".env").exists() and Path.cwd().name == "isolated-cwd"

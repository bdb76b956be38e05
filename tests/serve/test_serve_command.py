"""``papershelf serve`` as a user starts it: loopback only, a fresh token in the address it prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import httpx
import pytest


def start(library, *options):
    command = [sys.executable, "-m", "papershelf", "serve", "-L", str(library), "--port", "0", "--no-browser", *options]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ, "BROWSER": "true"})
    said, deadline = "", time.monotonic() + 20
    while "http://" not in said and time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        said += line
    return process, said


def test_serve_prints_a_loopback_address_with_a_token(library):
    process, line = start(library)
    try:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", line)
        assert found, line
        port, token = found.groups()
        assert len(token) >= 40
        base = f"http://127.0.0.1:{port}"
        assert httpx.get(f"{base}/api/papers").status_code == 401
        listed = httpx.get(f"{base}/api/papers", headers={"Authorization": f"Bearer {token}"})
        assert listed.status_code == 200 and len(listed.json()) == 5
        with pytest.raises(httpx.ConnectError):  # not on the machine's other addresses
            httpx.get(f"http://[::1]:{port}/api/papers", timeout=2)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_refuses_a_folder_that_is_no_library(tmp_path):
    process, line = start(tmp_path)
    process.wait(timeout=20)
    assert process.returncode == 2
    assert "papershelf init" in line

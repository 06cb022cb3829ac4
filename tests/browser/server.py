"""A Streamlit server for the browser tests: a demo database with accounts, the app on a free port, stopped after.

Everything goes through the command line and a subprocess, exactly as an operator would start it, with cheap
password hashing (DASHBOARD_TEST_FAST_HASH) and the Chinese interface as the default.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "Some-long-pass-2023"
FINANCE = "e2e-finance"
ADMIN = "e2e-admin"


@dataclass(frozen=True)
class Server:
    url: str  # http://127.0.0.1:PORT
    db_url: str  # sqlite:///…
    log: Path


def environment(db_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DASHBOARD_DATABASE_URL=db_url,
        DASHBOARD_LANG="zh",
        DASHBOARD_TEST_FAST_HASH="1",
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
    )
    return env


def cli(db_url: str, *args: str, stdin: str = "") -> None:
    """``python -m dashboard --db URL ARGS``; fails the setup with the command's output if it fails."""
    command = [sys.executable, "-m", "dashboard", "--db", db_url, *args]
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=REPO, env=environment(db_url))
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def build_database(db_url: str) -> None:
    """The sample data (衡川机电集团, 2021–2023, 2023 targets) and a finance and an admin account."""
    cli(db_url, "demo")
    for name, role in ((FINANCE, "finance"), (ADMIN, "admin")):
        cli(db_url, "users", "add", name, "--role", role, "--password-stdin", stdin=PASSWORD + "\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(db_url: str, log: Path) -> tuple[subprocess.Popen[bytes], Server]:
    """Start ``streamlit run dashboard/app.py`` and wait until /_stcore/health answers (30 s at most)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO / "dashboard" / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env=environment(db_url), stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", db_url, log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return process, server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    stop(process)
    raise RuntimeError(f"streamlit did not answer within 30 s:\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

"""Voila servers and a headless Chromium for the browser tests.

Two Voila subprocesses start together, each on a free 127.0.0.1 port: one
serves a one-cell notebook with the decision wizard, the other the decision
notebook itself, as ``make app`` does. Both read ``notebooks/voila.json``,
whose Content-Security-Policy keeps the page from asking a CDN for icon
fonts. Chromium is Debian's, driven by Playwright's sync API: no
browser download. Every request that leaves 127.0.0.1 is blocked and listed,
and the tests assert the list stays empty.

Without Chromium the tests skip, unless ``CI`` is set: then they fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
APP_CELL = "from synthlab.widgets.wizard import decision_wizard\n\ndecision_wizard()"
# The file allowlist `make app` passes to Voila.
MAKE_APP_ALLOWLIST = "--VoilaConfiguration.file_allowlist=['.*\\.(png|csv|html)']"
LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:")


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = (f"Chromium is not installed at {CHROMIUM}; install Debian's package "
               "with 'apt-get install -y chromium' (.ci/run does this in CI).")
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _write_app(folder: Path) -> Path:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(APP_CELL)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    path = folder / "wizard_app.ipynb"
    nbformat.write(notebook, path)
    shutil.copy(ROOT / "notebooks" / "voila.json", folder / "voila.json")
    return path


def _wait_until_serving(host: str, port: int, server: subprocess.Popen,
                        log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"Voila exited early:\n{log.read_text()}")
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Voila did not answer within 30 s:\n{log.read_text()}")


def _start(folder: Path, notebook: str, log: Path, *options: str):
    """Start Voila on a free 127.0.0.1 port in ``folder``; return it and its URL.

    Every server preheats a kernel: it runs the notebook as soon as it starts,
    so the page is ready by the time a test opens it.
    """
    port = _free_port()
    environment = {**os.environ, "PYTHONHASHSEED": "0", "SYNTHLAB_PROGRESS": "0"}
    with log.open("w") as stream:
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("voila")), "--Voila.ip=127.0.0.1",
             f"--port={port}", "--Voila.port_retries=0", "--no-browser",
             "--VoilaConfiguration.preheat_kernel=True", *options, notebook],
            cwd=folder, env=environment, stdout=stream, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server.log = log
    server.port = port
    return server, f"http://127.0.0.1:{port}/"


def _stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=1)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


@pytest.fixture(scope="session")
def voila_servers(tmp_path_factory):
    """Two Voila servers, started together: the wizard app and the decision app.

    The wizard app is a one-cell notebook with the wizard. The decision app is
    notebooks/14_decision_framework.ipynb with the options ``make app`` gives.
    """
    _require_chromium()
    folder = tmp_path_factory.mktemp("voila_app")
    app = _write_app(folder)
    started = {
        "wizard": _start(folder, app.name, folder / "wizard.log"),
        "decision": _start(ROOT / "notebooks", "14_decision_framework.ipynb",
                           folder / "decision.log", MAKE_APP_ALLOWLIST),
    }
    try:
        for server, _url in started.values():
            _wait_until_serving("127.0.0.1", server.port, server, server.log)
        yield {name: url for name, (_server, url) in started.items()}
    finally:
        for server, _url in started.values():
            _stop(server)


@pytest.fixture(scope="session")
def voila_url(voila_servers):
    return voila_servers["wizard"]


@pytest.fixture(scope="session")
def decision_app_url(voila_servers):
    return voila_servers["decision"]


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM,
                                              args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


def open_page(browser, url: str, timeout: float = 60_000):
    """A page at ``url`` once the wizard shows; non-local requests blocked.

    ``page.blocked`` lists every request that tried to leave 127.0.0.1.
    """
    page = browser.new_page(viewport={"width": 1200, "height": 1400})
    page.blocked = []

    def only_local(route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            page.blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    # Voila runs the notebook before it sends the page, so the page itself can
    # take as long as the wizard when the machine is busy.
    page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    page.wait_for_selector(".synthlab-wizard-next", timeout=timeout)
    return page


@pytest.fixture
def open_app(browser):
    """Open a served app in a new page: ``open_app(url, timeout)``."""
    pages = []

    def opener(url: str, timeout: float = 60_000):
        pages.append(open_page(browser, url, timeout))
        return pages[-1]

    yield opener
    for page in pages:
        page.close()


@pytest.fixture(scope="module")
def app(browser, voila_url):
    """One page with the wizard loaded, shared by a module's tests."""
    page = open_page(browser, voila_url)
    yield page
    page.close()


@pytest.fixture
def screenshot(request):
    """Save a screenshot of a page under test-artifacts/browser/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def save(page, label: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}_{label}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save

"""Playwright driving Debian's Chromium over the offline bundle, with every network route blocked."""

from __future__ import annotations

import os
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        # In CI a missing browser is a failure, never a skip.
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page whose requests off this machine are blocked and recorded, with console errors."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def assert_clean(self):
        assert self.outside == [], f"requests left file://: {self.outside}"
        assert self.errors == [], f"console errors: {self.errors}"


class PagesHandler(SimpleHTTPRequestHandler):
    """Serves like GitHub Pages under the site's path: a missing path gets the site's 404.html."""

    prefix = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def hosted(built, hosted_env):
    """The built site served over HTTP on the loopback, at the path it is built for."""
    prefix = urlsplit(hosted_env["SITE_URL"]).path
    handler = type("Handler", (PagesHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(built["site"])))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{prefix}"
    server.shutdown()
    server.server_close()


def watch(context, allowed: tuple[str, ...] = ("file://", "http://127.0.0.1:")) -> Watched:
    """A page of ``context`` whose requests to anything but ``allowed`` are blocked and recorded."""
    holder: list[Watched] = []

    def route(r):
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            holder[0].outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    holder.append(Watched(context))
    return holder[0]


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield watch(context)
    context.close()

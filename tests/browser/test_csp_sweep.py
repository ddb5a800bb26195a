"""Every built page of every variant, opened from file:// and over HTTP: nothing is blocked by the
Content-Security-Policy (so nothing the policy does not know tries to run), no dialog opens, no
link runs script, and no request leaves the machine."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_tools.convert import VARIANTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Violations are also reported by Chromium on the console; this catches any it reports only as
# an event, in the page and in each frame (the search worker's frame from file://).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} ${e.sample}`);
}, true);
"""
# The browser's own URL parser on every URL attribute, and every event handler attribute.
BAD_ATTRIBUTES = """() => {
  const bad = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) bad.push(`${el.localName} ${name}`);
      if (!["href", "xlink:href", "src", "action", "formaction", "poster", "data"].includes(name)) continue;
      let scheme;
      try { scheme = new URL(attr.value, document.baseURI).protocol; } catch { continue; }
      if (["javascript:", "data:", "vbscript:"].includes(scheme)) bad.push(`${el.localName} ${name}=${attr.value.slice(0, 60)}`);
    }
  }
  return bad;
}"""
# An inline script the policy does not allow, added after the page has loaded: it must be blocked
# and reported, or this sweep would be blind.
PROBE = """() => {
  const s = document.createElement("script");
  s.textContent = "window.__probe = 1";
  document.head.append(s);
  return window.__probe === undefined;
}"""


def pages_of(site: Path, prefix: str) -> list[str]:
    """The variant's HTML pages, relative to the site root; the other variants' folders excluded."""
    others = [v.prefix for v in VARIANTS if v.prefix and v.prefix != prefix]
    found = [p.relative_to(site).as_posix() for p in sorted((site / prefix).rglob("*.html"))]
    return [p for p in found if not any(p.startswith(o) for o in others)]


class Sweep:
    """One context and one page for a whole variant, recording what each page causes: console
    errors (CSP violations among them), dialogs, requests off the machine, bad attributes."""

    def __init__(self, browser, origin: str, absent: str = "") -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        self.origin = origin
        self.absent = f"console: Failed to load resource: net::ERR_FILE_NOT_FOUND ({absent}" if absent else None
        self.current = ""
        # Problems by page; events arriving late count against the page open when they arrive.
        self.problems: dict[str, list[str]] = {}
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.context.route("**/*", self.route)
        self.page = self.context.new_page()
        self.page.on("dialog", self.dialog)
        self.page.on("console", lambda m: self.note(f"console: {m.text} ({m.location.get('url')})") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.note(f"page error: {e}"))

    def note(self, problem: str) -> None:
        if self.absent and problem.startswith(self.absent):
            return
        self.problems.setdefault(self.current, []).append(problem)

    def route(self, route) -> None:
        if route.request.url.startswith(self.origin):
            route.continue_()
        else:
            self.note(f"request left the machine: {route.request.url}")
            route.abort()

    def dialog(self, dialog) -> None:
        self.note(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    def visit(self, name: str, url: str) -> None:
        self.current = name
        self.page.goto(url)
        for bad in self.page.evaluate(BAD_ATTRIBUTES):
            self.note(f"attribute: {bad}")

    def probe_is_caught(self) -> bool:
        """Whether an inline script added now is blocked and its violation reaches us."""
        self.current = "(probe)"
        blocked = self.page.evaluate(PROBE)
        for _ in range(40):
            if any("CSP violation: script-src" in p for p in self.problems.get("(probe)", [])):
                break
            self.page.wait_for_timeout(50)
        caught = self.problems.pop("(probe)", [])
        return blocked and any("CSP violation: script-src" in p for p in caught)


def sweep(browser, origin: str, urls: dict[str, str], absent: str = "") -> None:
    """Visit every page (name → URL) in one context; fail with every problem of every page. Files
    under ``absent`` are known to be missing and not reported."""
    s = Sweep(browser, origin, absent)
    try:
        for name, url in urls.items():
            s.visit(name, url)
        # The probe also gives late events of the last page time to arrive.
        assert s.probe_is_caught(), "an inline script added to the page was not blocked and reported"
    finally:
        s.context.close()
    assert s.problems == {}, "\n".join(f"{name}: {p}" for name, ps in s.problems.items() for p in ps)


@pytest.mark.parametrize("variant", [v.prefix for v in VARIANTS], ids=[v.code for v in VARIANTS])
def test_every_page_from_file(browser, bundle, hosted_env, variant):
    pages = pages_of(bundle, variant)
    assert len(pages) > 30
    started = time.monotonic()
    urls = {p: (bundle / p).as_uri() for p in pages}
    # The error pages link the site by absolute paths (/report/…), for a server: from disk they
    # find nothing, and say so, possibly after the next page has opened.
    sweep(browser, "file://", urls, absent="file://" + urlsplit(hosted_env["SITE_URL"]).path)
    print(f"{variant or 'zh-Hans/'}: {len(urls)} pages from file:// in {time.monotonic() - started:.1f} s")


@pytest.mark.parametrize("variant", [v.prefix for v in VARIANTS], ids=[v.code for v in VARIANTS])
def test_every_page_over_http(browser, built, hosted, variant):
    pages = pages_of(built["site"], variant)
    assert len(pages) > 30
    started = time.monotonic()
    urls = {p: hosted + p for p in pages}
    origin = urlsplit(hosted)
    sweep(browser, f"{origin.scheme}://{origin.netloc}/", urls)
    print(f"{variant or 'zh-Hans/'}: {len(urls)} pages over HTTP in {time.monotonic() - started:.1f} s")


def test_the_hostile_build_runs_nothing_in_the_browser(browser, hostile_site):
    """The pages that carry the hostile payloads that are text, not markup (a title with quotes,
    an emendation that breaks out of an attribute, raw HTML in a hand-written page, a git author
    name), in every variant: no dialog, no script URL, nothing blocked, no outside request."""
    site = hostile_site / "site"
    urls = {f"{v.prefix}{p}": (site / v.prefix / p).as_uri() for v in VARIANTS for p in ("1/thanks.html", "hostile.html", "contributors.html", "index.html")}
    # `<img src="x" onerror=…>` keeps its same-site image, which does not exist: a missing file, not a threat.
    sweep(browser, "file://", urls, absent=site.as_uri() + "/")

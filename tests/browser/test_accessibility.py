"""axe-core on every kind of page, in light and dark palettes: no serious or critical violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = [
    "index.html",  # landing page with title block and contents
    "1/1.html",  # numbered section
    "1/review.html",  # editorial page
    "2/index.html",  # part page with the dash list and a [sic]
    "2/4.html",  # notes
    "glossary.html",  # the glossary's landing page: categories, every term, the filter
    "glossary/reform.html",  # a category's entries, the bar and the filter
    "terms.html",
    "emendations.html",
    "numbers.html",
    "about.html",
    "zh-TW/2/4.html",
    "zh-HK/glossary.html",
    "zh-TW/glossary/place.html",
]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_violations(watched, bundle, axe, path, scheme):
    watched.page.emulate_media(color_scheme=scheme)
    watched.page.goto((bundle / path).as_uri())
    results = axe.run(watched.page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_hosted_404_page_helps_and_passes(watched, hosted, axe):
    # A missing page on the hosted site gets the Chinese 404 page, whose links work from any depth.
    page = watched.page
    response = page.goto(hosted + "2/no-such-page.html")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "找不到这个页面"
    page.locator("article a", has_text="术语表").first.click()
    page.wait_for_url(hosted + "glossary.html")
    page.go_back()
    results = axe.run(page)
    assert [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")] == []
    # The browser logs the page's own 404 status twice (first visit, back); nothing else may fail.
    expected = "Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert watched.errors == [expected, expected]
    assert watched.outside == []


@pytest.mark.parametrize("path", ["index.html", "2/4.html", "glossary.html", "terms.html", "numbers.html"])
def test_every_target_on_a_phone_is_large_enough(watched, bundle, axe, path):
    # WCAG 2.5.8 (axe's target-size, which Lighthouse's mobile run scores): on a phone the
    # ledger's links and sort buttons once shrank to columns one character wide.
    watched.page.set_viewport_size({"width": 412, "height": 823})
    watched.page.goto((bundle / path).as_uri())
    results = axe.run(watched.page, options={"runOnly": ["target-size"], "resultTypes": ["violations"]})
    assert [n["target"] for v in results.response["violations"] for n in v["nodes"]][:5] == []

"""The card of a term or a number, in Chromium from the offline bundle: shown on hover and kept
while the pointer is on it, on keyboard focus, on a tap (a second tap follows the link), dismissed
with Esc; at least 14 px type, on screen, on a desk and a 390×844 touch screen (WCAG 1.4.13)."""

from __future__ import annotations

import pytest

from tests.browser.test_offline_bundle import url

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
TERM = 'a.term[data-term="zuiduo-paoyici"]'


def on_screen(page, box) -> bool:
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height


def test_hover_shows_the_card_and_it_stays_while_the_pointer_is_on_it(watched, bundle, edition):
    entry = next(e for e in edition.entries if e.id == "zuiduo-paoyici")
    page = watched.page
    page.goto(url(bundle, "2/4.html"))
    page.locator(TERM).first.hover()
    card = page.locator(".term-card-pop")
    card.wait_for(state="visible", timeout=3000)
    text = card.inner_text()
    assert entry.term in text and entry.english in text and entry.definition in text and "zuì duō pǎo yī cì" in text
    assert float(card.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 14
    box = card.bounding_box()
    assert on_screen(page, box)
    # Moving onto the card keeps it; Esc dismisses it.
    page.mouse.move(box["x"] + 10, box["y"] + 10)
    page.wait_for_timeout(700)
    assert card.is_visible()
    page.keyboard.press("Escape")
    assert card.is_hidden()
    watched.assert_clean()


def test_keyboard_focus_shows_the_card_and_esc_closes_it(watched, bundle):
    page = watched.page
    page.goto(url(bundle, "2/4.html"))
    page.locator(TERM).first.focus()
    card = page.locator(".term-card-pop")
    card.wait_for(state="visible", timeout=3000)
    assert page.locator(TERM).first.get_attribute("aria-describedby") == "term-card-pop"
    page.keyboard.press("Escape")
    assert card.is_hidden()
    watched.assert_clean()


def test_a_number_has_its_card_too(watched, bundle, edition):
    page = watched.page
    page.goto(url(bundle, "2/4.html"))
    number = page.locator("a.num").first
    row = next(r for r in edition.ledger if r.id == number.get_attribute("data-ledger"))
    number.hover()
    card = page.locator(".term-card-pop")
    card.wait_for(state="visible", timeout=3000)
    assert row.indicator in card.inner_text() and "2020" in card.inner_text()
    watched.assert_clean()


@pytest.mark.parametrize("selector", [TERM, "a.num"])
def test_a_tap_shows_the_card_and_a_second_tap_follows_the_link(browser, bundle, selector):
    context = browser.new_context(**PHONE)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    page = context.new_page()
    page.goto(url(bundle, "zh-HK/2/4.html"))
    link = page.locator(selector).first
    link.tap()
    card = page.locator(".term-card-pop")
    card.wait_for(state="visible", timeout=3000)
    assert page.url.endswith("2/4.html")
    assert on_screen(page, card.bounding_box())
    assert float(card.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 14
    # The close button is a 44 px target.
    close = page.locator(".term-card-pop__close").bounding_box()
    assert close["width"] >= 44 and close["height"] >= 44
    link.tap()
    page.wait_for_url("**/*.html#*")
    assert not page.url.endswith("2/4.html")
    context.close()

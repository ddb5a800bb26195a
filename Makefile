# The two commands a new user needs: `make site` builds everything, `make test` runs every test.
# Both create the virtualenv from the pinned requirements on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Zensical, the successor of Material for MkDocs, in a virtualenv of its own (see zensical-check).
ZVENV := .venv-zensical

.PHONY: site test test-fast check check-code docs serve bench zensical-check clean

$(VENV)/.site-deps: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.site-deps requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

$(ZVENV)/.deps: requirements-zensical.txt
	$(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

## Build every variant into site/ and the offline bundle into dist/.
site: $(VENV)/.site-deps
	$(PY) -m build_tools build

## Run every test: unit, golden, fidelity, built HTML, browser, accessibility, links.
test: $(VENV)/.test-deps
	$(PY) -m pytest -c tests/pytest.ini --rootdir=. tests

## The fast tier (under 15 s): no browser, no full build. Run by pre-commit.
test-fast: $(VENV)/.test-deps
	$(PY) -m pytest -c tests/pytest.ini --rootdir=. tests/build_tools -q -m "not slow and not browser"

## The code itself: ruff (lint and format) and mypy on build_tools/. Run by CI.
check-code: $(VENV)/.test-deps
	$(VENV)/bin/ruff check build_tools tests
	$(VENV)/bin/ruff format --check build_tools
	$(VENV)/bin/mypy

## Validate seeds/ and print every problem as path:line: message.
check: $(VENV)/.site-deps
	$(PY) -m build_tools check

## Regenerate docs/ from seeds/ without building the site.
docs: $(VENV)/.site-deps
	$(PY) -m build_tools docs

## Live preview for editors.
serve: $(VENV)/.site-deps
	$(VENV)/bin/mkdocs serve

## Benchmarks, printed as ratios against a baseline run in the same process; then Lighthouse on five
## pages (Node.js and npm needed; bench.py installs its pinned copy into build/ on first use).
bench: $(VENV)/.test-deps
	$(PY) -m build_tools.bench

## Build the 简体 pages with Zensical too and compare every block of report text with Material's.
zensical-check: $(VENV)/.test-deps $(ZVENV)/.deps
	$(PY) -m build_tools.zensical_check

clean:
	rm -rf site dist build

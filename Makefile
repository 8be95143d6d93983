# The two commands in the README: `make serve` and `make test`. Each sets up everything it needs.
SHELL := /bin/bash
# Material and properdocs print long notices about MkDocs 2 on every build; they are not ours to act on.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.12 || command -v python3)

.PHONY: setup serve build test test-fast test-stress bench chromium clean permalinks

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (found " + sys.version.split()[0] + "); install python3.12 or set PYTHON=/path/to/python3.12")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed: install Node.js 18 or newer (apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

chromium:
	@bash scripts/ensure-chromium.sh

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(VENV)/bin/mkdocs build --strict

# Two pytest workers (pytest-xdist), one test file each at a time; the real site is still built once per run.
# Files go out in the order tests/conftest.py gives them (the page crawl first), not largest file first.
JOBS ?= 2
PARALLEL := -n $(JOBS) --dist loadfile --no-loadscope-reorder

test: setup chromium
	$(PY) -m pytest $(PARALLEL)

# The unit tests alone, with no site build and no browser: the fast loop while writing code.
test-fast: setup
	$(PY) -m pytest -m "not browser and not build"

# The browser tests RUNS times (default 3) with every core kept busy: races show up here before CI meets them.
RUNS ?= 3
test-stress: setup chromium
	$(PY) scripts/stress.py --runs $(RUNS) -- $(PARALLEL)

# After adding pages: add their addresses to permalinks.txt (it never drops one; see src/alliance_atlas/build/permalinks.py).
permalinks: setup
	$(VENV)/bin/mkdocs build --strict --quiet --site-dir .cache/permalinks-site
	$(PY) -m alliance_atlas.build.permalinks update .cache/permalinks-site

bench: setup chromium
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,bench]"
	for script in bench/*.py; do $(PY) $$script || exit 1; done

clean:
	rm -rf site .cache

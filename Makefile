# bo-graph: the two commands a fresh machine needs are `make demo` and `make test`.
PY := .venv/bin/python
DEMO_STORE := .bo-graph/demo.sqlite

.PHONY: setup setup-test demo app test check lint typecheck pytest bench clean

setup:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

## The main job on the embedded store with the sample registers: import them, print the target's
## ownership report, then open the investigator UI on http://127.0.0.1:8501 (Ctrl-C stops it).
demo: setup
	@rm -f $(DEMO_STORE) $(DEMO_STORE)-wal $(DEMO_STORE)-shm
	$(PY) -m bo_graph import --store $(DEMO_STORE) sample_registers/*.jsonl
	$(PY) -m bo_graph ubo --store $(DEMO_STORE) ent-lakeshore-civil
	BO_GRAPH_STORE=$(DEMO_STORE) .venv/bin/streamlit run app.py --server.address 127.0.0.1

## The UI alone, on the configured store (BO_GRAPH_STORE; the sample registers if it is empty).
app: setup
	.venv/bin/streamlit run app.py --server.address 127.0.0.1

## Everything the tests need, then lint, type check and the whole test suite (what CI runs).
test: setup-test check

check: lint typecheck pytest

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check bo_graph loaders app.py app_pages tests/ui

typecheck:
	.venv/bin/mypy

pytest:
	.venv/bin/pytest -q

bench: setup-test
	$(PY) benchmarks/run.py --quick

clean:
	rm -rf .bo-graph .pytest_cache .mypy_cache .ruff_cache

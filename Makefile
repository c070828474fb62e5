# bo-graph: the two commands a fresh machine needs are `make demo` and `make test`.
PY := .venv/bin/python
DEMO_STORE := .bo-graph/demo.sqlite

.PHONY: setup setup-test demo test check lint typecheck pytest bench clean

setup:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

## The main job on the embedded store with the sample registers.
demo: setup
	@rm -f $(DEMO_STORE) $(DEMO_STORE)-wal $(DEMO_STORE)-shm
	$(PY) -m bo_graph import --store $(DEMO_STORE) sample_registers/*.jsonl
	$(PY) -m bo_graph ubo --store $(DEMO_STORE) ent-lakeshore-civil

## Everything the tests need, then lint, type check and the whole test suite (what CI runs).
test: setup-test check

check: lint typecheck pytest

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check bo_graph loaders app.py

typecheck:
	.venv/bin/mypy

pytest:
	.venv/bin/pytest -q

bench: setup-test
	$(PY) benchmarks/run.py --quick

clean:
	rm -rf .bo-graph .pytest_cache .mypy_cache .ruff_cache

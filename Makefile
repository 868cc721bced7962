# staffgraph — the two commands people need are `make demo` and `make test`.
# Both create .venv and install the project on first use; nothing else is required.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
SIM_PORT ?= 9100
# Source folders that exist (bench/ fills up with the benchmark issues).
CODE   := $(wildcard gateway schema resolvers simulators tests bench scripts)

.PHONY: install demo serve simulators test lint format snapshot clean fuzz bench bench-peers

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Simulators and gateway in one process; GraphiQL at http://127.0.0.1:$(PORT)/graphql.
demo: $(STAMP)
	$(BIN)/staffgraph demo --port $(PORT)

# The gateway alone, configured by STAFFGRAPH_* variables (see the README).
serve: $(STAMP)
	$(BIN)/staffgraph serve --host 127.0.0.1 --port $(PORT)

simulators: $(STAMP)
	$(BIN)/staffgraph simulators --host 127.0.0.1 --port $(SIM_PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

# schemathesis's GraphQL fuzzer against a live `staffgraph demo` on free ports (scripts/fuzz.py).
fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py $(FUZZ_ARGS)

# Load benchmark (issue 9; not part of `make test`): writes bench/report.md and bench/results/*.json.
# BENCH_ARGS='--quick' for a short run, '--scenarios employers,persons-200' for some.
bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The same with GraphQL Mesh beside staffgraph: installs the peers from npm outside the tracked tree first.
bench-peers: $(STAMP)
	$(BIN)/python -m bench.peers_setup
	$(BIN)/python -m bench.run --peers $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy gateway schema resolvers simulators bench

format: $(STAMP)
	$(BIN)/ruff format $(CODE)
	$(BIN)/ruff check --fix $(CODE)

# Accept a deliberate change of the public schema (tests/gateway/test_cli.py compares with it).
snapshot: $(STAMP)
	$(BIN)/staffgraph schema print > tests/snapshots/schema.graphql

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info

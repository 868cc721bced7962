# staffgraph — the two commands people need are `make demo` and `make test`.
# Both create .venv and install the project on first use; nothing else is required.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
SIM_PORT ?= 9100
# Source folders that exist (bench/ fills up with the benchmark issues).
CODE   := $(wildcard gateway schema resolvers simulators tests bench)

.PHONY: install demo simulators test lint format clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The gateway arrives with the graph issue; until then the demo serves the four simulators.
demo: $(STAMP)
	$(BIN)/staffgraph simulators --host 127.0.0.1 --port $(SIM_PORT)

simulators: $(STAMP)
	$(BIN)/staffgraph simulators --host 127.0.0.1 --port $(SIM_PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy gateway schema resolvers simulators

format: $(STAMP)
	$(BIN)/ruff format $(CODE)
	$(BIN)/ruff check --fix $(CODE)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info

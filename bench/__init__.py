"""The load benchmark behind ``make bench`` and ``make bench-peers`` (issue 9).

``python -m bench.run`` starts the simulators and the gateway as separate processes on
127.0.0.1, drives them with ``hey`` and writes ``bench/report.md`` plus raw JSON under
``bench/results/``. Nothing here is imported by the gateway or by ``make test``'s other tests.
"""

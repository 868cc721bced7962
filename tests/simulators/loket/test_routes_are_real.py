"""Every operation the Loket simulator serves is a real Loket operation.

``reference/loket-endpoints.json`` is a copy of the project's reference list of real Loket
operations (``../shared/reference/loket-endpoints.json``; paths relative to ``/v2``, the
first element is metadata), kept here so the test runs on a fresh clone. The OAuth routes
(``/token``, ``/authorize``) are not API operations and are left out.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from simulators.loket.app import ROUTE_TABLES

REFERENCE = Path(__file__).parent / "reference" / "loket-endpoints.json"
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "loket-endpoints.json"


def real_operations() -> set[tuple[str, str]]:
    _meta, *operations = orjson.loads(REFERENCE.read_bytes())
    return {(operation["method"], operation["path"]) for operation in operations}


def served_operations() -> set[tuple[str, str]]:
    served = set()
    for table in ROUTE_TABLES:
        for path, operations in table:
            assert path.startswith("/v2/"), path
            served.update((method, path.removeprefix("/v2")) for method in operations)
    return served


def test_every_served_route_is_a_real_loket_operation() -> None:
    invented = served_operations() - real_operations()
    assert not invented, f"served but not in the Loket reference: {sorted(invented)}"


def test_the_employer_wide_reads_are_served_and_the_invented_leave_list_is_not() -> None:
    served = served_operations()
    assert len(served) > 30
    for path in (
        "/providers/employers/{employerId}/employees/employments/calendar/absences",
        "/providers/employers/{employerId}/employees/employments/calendar/leave",
        "/providers/employers/{employerId}/leavebalances",
        "/providers/employers/{employerId}/actualorganizationalentities",
    ):
        assert ("GET", path) in served
    assert ("GET", "/providers/employers/{employerId}/leave") not in served


def test_the_copy_of_the_reference_matches_the_shared_one_where_both_exist() -> None:
    if SHARED.is_file():
        assert SHARED.read_bytes() == REFERENCE.read_bytes(), f"refresh {REFERENCE} from {SHARED}"
    assert len(real_operations()) == 112

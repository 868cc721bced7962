"""``GET /employees`` (versions 1 and 2) and ``GET /employees/{personId}``.

A staff list with nobody in it is 404 with an empty body (``state.listing``).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulators.informat.params import Query, check_combination, employee_structure, school_year_and_structure
from simulators.informat.state import ApiState, listing, ok
from simulators.informat.views import employee_v1, employee_v2, staff_in_year, staff_v1


def employee_routes(state: ApiState) -> list[Route]:
    dataset, store = state.dataset, state.store

    async def list_employees(request: Request) -> Response:
        """Version 1 needs ``structure`` (any structure) and filters by ``schoolYear`` if given;
        version 2 needs ``schoolYear`` and narrows by ``structure`` only for 311/312."""
        who = state.caller(request)
        query = Query(request)
        if who.version == 1:
            year, structure = school_year_and_structure(query, year_required=False, structure_required=True)
            assert structure is not None
            check_combination(dataset, who.institute, year, structure)
            return listing(
                [
                    employee_v1(e, who.institute, structure)
                    for e in staff_v1(dataset, who.institute, structure, year)
                ]
            )
        year, structure = school_year_and_structure(query, year_required=True)
        assert year is not None
        structure = employee_structure(structure)
        check_combination(dataset, who.institute, year, structure)
        staff = staff_in_year(dataset, who.institute, year, structure)
        return listing([employee_v2(e, who.institute, structure, store.comnrs[e.person_id]) for e in staff])

    async def get_employee(request: Request) -> Response:
        """Version neutral: always the version-2 object. The school year does not filter here."""
        who = state.caller(request)
        employee = state.employee(request, who)
        year, structure = school_year_and_structure(Query(request), year_required=True)
        structure = employee_structure(structure)
        check_combination(dataset, who.institute, year, structure)
        return ok(employee_v2(employee, who.institute, structure, store.comnrs[employee.person_id]))

    return [
        Route("/employees", list_employees, methods=["GET"]),
        Route("/employees/{personId}", get_employee, methods=["GET"]),
    ]

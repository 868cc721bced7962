"""The read-only lists per school year: assignments, interruptions, diplomas, appointments,
photos and own fields, each in bulk (the whole school) and per person.

All are version neutral and return bare JSON arrays (a person's photo is one object); a
list with no rows answers 404 with an empty body (``state.listing``), as does a person
without a photo.
Structure filtering follows each call's note in the document: assignments, interruptions
and the records of appointments and own fields use any structure; the employee half of
the diploma, photo, appointment and own-field filters only 311/312.

Choice: the document gives no order; rows come ordered by employee (sortName) and then
begin date, interruptions by begin date, as a listing per school would.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulators.informat.errors import empty
from simulators.informat.params import (
    Query,
    changed_since,
    check_combination,
    employee_structure,
    flag,
    school_year_and_structure,
    structure_only,
)
from simulators.informat.records import Employee, Json
from simulators.informat.schoolyears import SchoolYear
from simulators.informat.state import ApiState, listing, ok
from simulators.informat.views import selected, staff_in_year


def record_routes(state: ApiState) -> list[Route]:
    dataset, store = state.dataset, state.store

    def filters(
        request: Request, institute: str, *, employee_only: bool = False
    ) -> tuple[SchoolYear, str | None]:
        """School year and structure; where the structure only filters employees, a structure
        other than 311/312 is ignored (and so cannot be an invalid combination)."""
        year, structure = school_year_and_structure(Query(request), year_required=True)
        assert year is not None
        if employee_only:
            structure = employee_structure(structure)
        check_combination(dataset, institute, year, structure)
        return year, structure

    def assignments_of(
        institute: str, year: SchoolYear, structure: str | None, incl: bool, person: str | None
    ) -> list[Json]:
        rows = (
            dataset.assignments_by_year.get((institute, year.start), [])
            if person is None
            else [
                a for a in dataset.assignments_by_person.get((institute, person), []) if a.year == year.start
            ]
        )
        return [a.json for a in rows if structure in (None, a.hfd) and (incl or a.subsidised)]

    async def assignments(request: Request) -> Response:
        who = state.caller(request)
        year, structure = filters(request, who.institute)
        incl = flag(Query(request), "inclNonSubHours", True)
        return listing(assignments_of(who.institute, year, structure, incl, None))

    async def person_assignments(request: Request) -> Response:
        who = state.caller(request)
        employee = state.employee(request, who)
        year, structure = filters(request, who.institute)
        incl = flag(Query(request), "inclNonSubHours", True)
        return listing(assignments_of(who.institute, year, structure, incl, employee.person_id))

    def interruptions_of(
        institute: str, year: SchoolYear, structure: str | None, person: str | None
    ) -> list[Json]:
        rows = store.by_institute.get(institute, {}).values()
        found = [
            item
            for item in rows
            if year.overlaps(item.begin, item.end)
            and structure in (None, item.hfd)
            and person in (None, item.person_id)
        ]
        found.sort(key=lambda item: (item.begin, item.id))
        return [item.json for item in found]

    async def interruptions(request: Request) -> Response:
        who = state.caller(request)
        year, structure = filters(request, who.institute)
        return listing(interruptions_of(who.institute, year, structure, None))

    async def person_interruptions(request: Request) -> Response:
        who = state.caller(request)
        employee = state.employee(request, who)
        year, structure = filters(request, who.institute)
        return listing(interruptions_of(who.institute, year, structure, employee.person_id))

    def people(
        request: Request, institute: str, employee: Employee | None, *, employee_only: bool = False
    ) -> tuple[list[Employee], str | None]:
        """The employee half of the filter (only 311/312 count), and the structure for the records."""
        year, structure = filters(request, institute, employee_only=employee_only)
        narrowed = employee_structure(structure)
        if employee is None:
            return staff_in_year(dataset, institute, year, narrowed), structure
        keep = selected(dataset, employee.memberships[institute], year, narrowed)
        return ([employee] if keep else []), structure

    async def diplomas(request: Request) -> Response:
        who = state.caller(request)
        staff, _ = people(request, who.institute, None, employee_only=True)
        return listing([row for e in staff for row in dataset.diplomas.get(e.person_id, [])])

    async def person_diplomas(request: Request) -> Response:
        who = state.caller(request)
        staff, _ = people(request, who.institute, state.employee(request, who), employee_only=True)
        return listing([row for e in staff for row in dataset.diplomas.get(e.person_id, [])])

    async def appointments(request: Request) -> Response:
        who = state.caller(request)
        staff, structure = people(request, who.institute, None)
        rows = (a for e in staff for a in dataset.appointments.get((who.institute, e.person_id), []))
        return listing([a.json for a in rows if structure in (None, a.hfd)])

    async def person_appointments(request: Request) -> Response:
        """No school year here: all of the person's appointments at this school, by structure if given
        (so no BR013: without a school year there is no combination to check)."""
        who = state.caller(request)
        employee = state.employee(request, who)
        structure = structure_only(Query(request))
        rows = dataset.appointments.get((who.institute, employee.person_id), [])
        return listing([a.json for a in rows if structure in (None, a.hfd)])

    async def photos(request: Request) -> Response:
        """Choice: ``changedSince`` keeps photos changed at or after that moment (a bare date counts
        from its midnight); the document only says "changed since the specified date"."""
        who = state.caller(request)
        staff, _ = people(request, who.institute, None, employee_only=True)
        since = changed_since(Query(request))
        found = (dataset.photos.get(e.person_id) for e in staff)
        return listing([p.json for p in found if p is not None and (since is None or p.changed >= since)])

    async def person_photo(request: Request) -> Response:
        """One object (as the published client reads it). Choice: 404 with an empty body when the
        employee has no photo, the document's "no data in the response set"."""
        who = state.caller(request)
        photo = dataset.photos.get(state.employee(request, who).person_id)
        if photo is None:
            raise empty(404)
        return ok(photo.json)

    def own_fields_of(request: Request, institute: str, employee: Employee | None) -> list[Json]:
        """In bulk, a two-step filter (employees, then the fields' school year and structure);
        per person only the second step, as the document describes each."""
        year, structure = filters(request, institute)
        staff = people(request, institute, None)[0] if employee is None else [employee]
        rows = (v for e in staff for v in dataset.own_fields.get((institute, e.person_id), []))
        return [v.json for v in rows if year.start in v.years and structure in (None, v.hfd)]

    async def own_fields(request: Request) -> Response:
        who = state.caller(request)
        return listing(own_fields_of(request, who.institute, None))

    async def person_own_fields(request: Request) -> Response:
        who = state.caller(request)
        return listing(own_fields_of(request, who.institute, state.employee(request, who)))

    return [
        Route("/employees/assignments", assignments, methods=["GET"]),
        Route("/employees/interruptions", interruptions, methods=["GET"]),
        Route("/employees/diplomas", diplomas, methods=["GET"]),
        Route("/employees/appointments", appointments, methods=["GET"]),
        Route("/employees/photos", photos, methods=["GET"]),
        Route("/employees/ownfields", own_fields, methods=["GET"]),
        Route("/employees/{personId}/assignments", person_assignments, methods=["GET"]),
        Route("/employees/{personId}/interruptions", person_interruptions, methods=["GET"]),
        Route("/employees/{personId}/diplomas", person_diplomas, methods=["GET"]),
        Route("/employees/{personId}/appointments", person_appointments, methods=["GET"]),
        Route("/employees/{personId}/photos", person_photo, methods=["GET"]),
        Route("/employees/{personId}/ownfields", person_own_fields, methods=["GET"]),
    ]

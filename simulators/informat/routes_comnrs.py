"""Communication numbers: ``PUT /employees/{personId}/communication-number`` (add, or update
when ``id`` is given) and ``DELETE /employees/{personId}/communication-number/{communicationNoId}``.

Written numbers show up in the employee's ``comnrs`` (``GET /employees``), with soort and
type as names ("Gsm", "Privé nummer").

Choice: the document's flow chart is an image that did not survive; the order here is
field rules (BR020-BR023, together), then the employee (BR014 unknown, BR024 not active
at this school), then the number (BR028 for an unknown ``id``, BR026 the same soort, type
and number exist, BR025 the soort and type are taken by another number).
Choice: the success body is the new id as a JSON string (the document's example,
``{ "a8050737-…" }``, is not valid JSON; a bare string is the closest valid reading).
Choice: BR023 accepts digits with spaces, dots, slashes, dashes, brackets and one leading
"+", 8 to 15 digits in all.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulators.informat.body import json_body
from simulators.informat.catalog import COMNR_TYPES, WRITABLE_COMNR_SOORTEN
from simulators.informat.errors import rule_error
from simulators.informat.params import guid, path_guid
from simulators.informat.records import ComNr, Employee
from simulators.informat.state import ApiState, done, ok

_NUMBER = re.compile(r"^\+?[0-9 ./()\-]+$")


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def valid_number(number: str) -> bool:
    return bool(_NUMBER.match(number)) and 8 <= len(_digits(number)) <= 15


def comnr_routes(state: ApiState) -> list[Route]:
    store = state.store

    def staff_member(person_id: str, institute: str) -> Employee:
        employee = state.dataset.employees.get(person_id)
        if employee is None or institute not in employee.memberships:
            raise rule_error("BR014")
        return employee

    async def put_number(request: Request) -> Response:
        who = state.caller(request)
        person_id = path_guid(request, "personId", "BR001")
        body = await json_body(request)
        soort, kind, nummer, number_id = (
            body.integer("soort"),
            body.integer("type"),
            body.string("nummer"),
            body.guid("id"),
        )
        errors = []
        if soort not in WRITABLE_COMNR_SOORTEN:
            errors.append("BR020")
        if kind not in COMNR_TYPES:
            errors.append("BR021")
        if not nummer or not nummer.strip():
            errors.append("BR022")
        elif not valid_number(nummer):
            errors.append("BR023")
        if errors:
            raise rule_error(*errors)
        assert soort is not None and kind is not None and nummer is not None
        employee = staff_member(person_id, who.institute)
        if not employee.memberships[who.institute].active_structures:
            raise rule_error("BR024", instituteNo=who.institute)
        numbers = store.comnrs.setdefault(person_id, [])
        target = None
        if number_id is not None:
            target = next((n for n in numbers if n.id == number_id), None)
            if target is None:
                raise rule_error("BR028")
        others = [n for n in numbers if n is not target and n.soort == soort and n.type == kind]
        same = next((n for n in others if _digits(n.nr) == _digits(nummer)), None)
        if same is not None:
            raise rule_error("BR026", id=same.id)
        if others:
            raise rule_error("BR025", id=others[0].id)
        if target is None:
            target = ComNr(store.new_id(), soort, kind, nummer)
            numbers.append(target)
        else:
            target.soort, target.type, target.nr = soort, kind, nummer
        return ok(target.id)

    async def delete_number(request: Request) -> Response:
        who = state.caller(request)
        person_id = guid(request.path_params["personId"])
        number_id = guid(request.path_params["communicationNoId"])
        if person_id is None or number_id is None:
            raise rule_error(
                *(["BR001"] if person_id is None else []), *(["BR027"] if number_id is None else [])
            )
        staff_member(person_id, who.institute)
        numbers = store.comnrs.get(person_id, [])
        target = next((n for n in numbers if n.id == number_id), None)
        if target is None:
            raise rule_error("BR028")
        numbers.remove(target)
        return done()

    return [
        Route("/employees/{personId}/communication-number", put_number, methods=["PUT"]),
        Route(
            "/employees/{personId}/communication-number/{communicationNoId}",
            delete_number,
            methods=["DELETE"],
        ),
    ]

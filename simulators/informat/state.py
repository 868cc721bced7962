"""What the API handlers share: the data, the writable store, the token store; and the success answers
(a list with no rows is a 404, see ``listing``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from simulators.informat.access import Caller, caller
from simulators.informat.auth import TokenStore
from simulators.informat.dataset import Dataset
from simulators.informat.errors import CORS, JSON_UTF8, empty
from simulators.informat.params import path_guid
from simulators.informat.records import Employee
from simulators.informat.store import Store
from simulators.responses import JSONResponse


@dataclass
class ApiState:
    dataset: Dataset
    store: Store
    tokens: TokenStore

    def caller(self, request: Request) -> Caller:
        return caller(request, self.tokens)

    def employee(self, request: Request, who: Caller) -> Employee:
        """The ``{personId}`` in the path, as one of this school's staff.

        Choice: a well-formed personId that is not on this school's staff answers 404 with
        an empty body ("the requested content could not be found"); a malformed one BR001.
        """
        person_id = path_guid(request, "personId", "BR001")
        employee = self.dataset.employees.get(person_id)
        if employee is None or who.institute not in employee.memberships:
            raise empty(404)
        return employee


def ok(body: Any) -> Response:
    return JSONResponse(body, 200, CORS, JSON_UTF8)


def listing(rows: list[Any]) -> Response:
    """A list call's answer: the rows, or 404 when there are none.

    The document's result codes (attachment 1) give 404 for "The request was received and
    processed correctly, but there is no data in the response set", for all resources.
    Choice: that 404 has an empty body, as the API's other 404s (the document shows none).
    """
    if not rows:
        raise empty(404)
    return ok(rows)


def done() -> Response:
    """A successful write: 200 with an empty body, as the document says."""
    return Response(status_code=200, headers=CORS)

"""The simulator's state: the pristine data set, what writes changed, tokens, and access checks.

Access follows the document's authorization process, question 5 ("Does the user have
access to the specified entity/ID?"): an id that does not exist is a 404; an id of
an employer the user may not see, or of anything below such an employer, is a 403.

Choice: a path id that is not a UUID is a 400 BrokenBusinessRule naming the
parameter (the document types every id as ``string <uuid>``; ASP.NET model binding
refuses it before the action runs). Upper-case and braced UUIDs are accepted, as
.NET's ``Guid`` parser does.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

from simulators.config import SimConfig
from simulators.loket.auth import TokenStore, User
from simulators.loket.dataset import Dataset, Row, Table, build_dataset
from simulators.loket.errors import CODE_INVALID_ID, Forbidden, NotFound, broken
from simulators.loket.fields import Schema, derive_schema
from simulators.loket.memo import Memo
from simulators.seeding import rng_for, uuid_from


def parse_id(name: str, text: str) -> str:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise broken(
            CODE_INVALID_ID, f"The value '{text}' is not valid for {name}; expected a UUID"
        ) from None


class LoketStore:
    def __init__(self, config: SimConfig) -> None:
        self.config = config
        self.data: Dataset = build_dataset(config)
        self.tokens = TokenStore(self.data.users, config.seed, config.clock)
        self._schemas: dict[str, Schema] = {}
        self._lock = threading.Lock()
        # rows derived from data that never changes, so kept across resets (see views.py)
        self.memo = Memo()
        self.reset()

    def reset(self) -> None:
        """Restore the seeded absences, forget tokens; the rest of the data is never written."""
        with self._lock:
            self.absences: Table = self.data.absences.copy()
            self.progress: Table = self.data.progress.copy()
            self._ids = rng_for(self.config.seed, "loket", "created")
        self.tokens.reset()

    def new_id(self) -> str:
        with self._lock:
            return uuid_from(self._ids)

    def schema(self, view: str, sample: Callable[[], list[Row]]) -> Schema:
        found = self._schemas.get(view)
        if found is None:
            found = self._schemas[view] = derive_schema(sample())
        return found

    # ---- access checks: each returns the row or raises 400 / 404 / 403 ----

    def _visible(self, user: User, employer_id: str, what: str) -> None:
        if not user.may_see(employer_id):
            raise Forbidden(f"user '{user.name}' has no access to the employer of this {what}")

    def employer(self, user: User, ident: str) -> Row:
        ident = parse_id("employerId", ident)
        row = self.data.employers.rows.get(ident)
        if row is None:
            raise NotFound("employer", ident)
        if not user.may_see(ident):
            raise Forbidden(f"user '{user.name}' has no access to employer '{ident}'")
        return row

    def _below_employer(
        self, user: User, table: Table, name: str, ident: str, what: str, employer_of: Callable[[str], str]
    ) -> Row:
        ident = parse_id(name, ident)
        row = table.rows.get(ident)
        if row is None:
            raise NotFound(what, ident)
        self._visible(user, employer_of(ident), what)
        return row

    def employee(self, user: User, ident: str) -> Row:
        data = self.data
        return self._below_employer(
            user, data.employees, "employeeId", ident, "employee", data.employer_of_employee
        )

    def employment(self, user: User, ident: str) -> Row:
        data = self.data
        return self._below_employer(
            user, data.employments, "employmentId", ident, "employment", data.employer_of_employment
        )

    def org_entity(self, user: User, ident: str) -> Row:
        data = self.data
        return self._below_employer(
            user,
            data.org_entities,
            "organizationalEntityId",
            ident,
            "organizational entity",
            lambda i: data.employer_of_employment(data.org_entities.parent[i]),
        )

    def department(self, user: User, ident: str) -> Row:
        table = self.data.departments
        return self._below_employer(
            user, table, "departmentId", ident, "department", table.parent.__getitem__
        )

    def function(self, user: User, ident: str) -> Row:
        table = self.data.functions
        return self._below_employer(user, table, "functionId", ident, "function", table.parent.__getitem__)

    def absence(self, user: User, ident: str) -> Row:
        absences, data = self.absences, self.data
        return self._below_employer(
            user,
            absences,
            "absenceId",
            ident,
            "absence",
            lambda i: data.employer_of_employee(absences.parent[i]),
        )

    def absence_progress(self, user: User, ident: str) -> Row:
        absences, progress, data = self.absences, self.progress, self.data
        return self._below_employer(
            user,
            progress,
            "absenceProgressId",
            ident,
            "absence progress",
            lambda i: data.employer_of_employee(absences.parent[progress.parent[i]]),
        )

    def leave(self, user: User, ident: str) -> Row:
        data = self.data
        return self._below_employer(
            user,
            data.leave,
            "leaveId",
            ident,
            "leave",
            lambda i: data.employer_of_employment(data.leave.parent[i]),
        )

    def leave_request(self, user: User, ident: str) -> Row:
        data = self.data
        table = data.leave_requests
        return self._below_employer(
            user,
            table,
            "leaveRequestId",
            ident,
            "leave request",
            lambda i: data.employer_of_employment(table.parent[i]),
        )

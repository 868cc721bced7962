"""Upstream paths, built in one place: every id is checked against its format and percent-encoded.

A client names an endpoint once, as its path template (``/employees/{personId}``), and
fills it with ``Endpoint.path(personId=...)``. Each placeholder has an id format
(``ID_FORMATS``): a value that does not match is an ``InputError`` (``BAD_USER_INPUT``)
raised before anything is sent, so caller input (ids from global ids, arguments) can
never change which upstream path, query or host a request reaches, and never counts
against an upstream's circuit. A value that matches is still percent-encoded
(``quote(..., safe="")``), so even a format written too loosely cannot smuggle ``/``,
``..``, ``?`` or ``#`` into a path.

The template is also what error messages, metrics and logs show, so ids never appear
in them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import Formatter
from urllib.parse import quote

from gateway.exceptions import InputError

UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
INTEGER = re.compile(r"[0-9]{1,10}")
INSTITUTE_NO = re.compile(r"[0-9]{6}")
DIRECTUS_ID = re.compile(
    r"[0-9]{1,18}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
COLLECTION = re.compile(r"[a-z][a-z0-9_]{0,63}")
REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
YEAR = re.compile(r"[0-9]{4}")

# placeholder name -> the only shape its value may have (ASCII only: \d would admit other scripts' digits)
ID_FORMATS: dict[str, re.Pattern[str]] = {
    # Loket: "path ids are always the resource UUID" (upstreams.md §1.1)
    "employerId": UUID,
    "employeeId": UUID,
    "employmentId": UUID,
    "absenceId": UUID,
    "absenceProgressId": UUID,
    "leaveId": UUID,
    "leaveRequestId": UUID,
    "organizationalEntityId": UUID,
    "departmentId": UUID,
    "functionId": UUID,
    # Informat: person and record ids are GUIDs; the institute number has six digits
    "personId": UUID,
    "assignmentId": UUID,
    "interruptionId": UUID,
    "attachmentId": UUID,
    "communicationNoId": UUID,
    "instituteNo": INSTITUTE_NO,
    # ICTerGezocht: vacancy ids are numbers, reference numbers are short codes
    "vacancyId": INTEGER,
    "referenceNumber": REFERENCE,
    # Directus: collection names and item ids (integers or UUIDs)
    "collection": COLLECTION,
    "itemId": DIRECTUS_ID,
    "year": YEAR,
}


def valid_id(name: str, value: str) -> bool:
    """Whether ``value`` has the format of placeholder ``name`` (unknown names accept nothing)."""
    pattern = ID_FORMATS.get(name)
    return pattern is not None and isinstance(value, str) and pattern.fullmatch(value) is not None


def check_id(name: str, value: str, *, argument: str | None = None) -> str:
    """``value`` if it has ``name``'s format, else ``InputError`` naming ``argument`` (or ``name``)."""
    if not valid_id(name, value):
        raise InputError(f"'{argument or name}' is not a valid {name}", argument=argument or name)
    return value


@dataclass(frozen=True)
class Endpoint:
    """One upstream path template; ``path(**ids)`` gives the concrete, checked and encoded path."""

    template: str

    def __post_init__(self) -> None:
        for name in self.placeholders:
            if name not in ID_FORMATS:
                raise ValueError(f"{self.template}: no id format for placeholder {{{name}}}")

    @property
    def placeholders(self) -> list[str]:
        return [name for _, name, _, _ in Formatter().parse(self.template) if name]

    def path(self, **ids: str) -> str:
        missing = set(self.placeholders) - set(ids)
        if missing or set(ids) - set(self.placeholders):
            raise ValueError(f"{self.template}: ids {sorted(ids)} do not fill {self.placeholders}")
        return self.template.format(
            **{name: quote(check_id(name, value), safe="") for name, value in ids.items()}
        )

    def __str__(self) -> str:
        return self.template

"""The body of an ICTerGezocht.nl application webhook, checked against the document's field table.

ICTerGezocht's document (``../shared/seeds/``, "Webhooks / Sollicitaties") lists the fields,
their types, lengths and which are required: ``referenceNumber``, ``name``, ``email``,
``source`` and ``campaign`` (255 characters each) are required; ``phone``, ``city``
(255), ``motivation`` (65,535), ``cv`` (base64, at most 20 MB) and ``filename`` (255) are
optional; custom fields may be added. Every problem is reported with the field it is in,
and never with the value (a CV, an e-mail address).

- Choice: an optional field may be ``null`` or ``""`` (both: not given); a required one may not.
- Choice: custom fields are accepted and not passed on: subscribers get the documented fields.
- Choice: the CV's base64 may be wrapped in lines (MIME encoders wrap at 76 characters); its size
  is computed from the text, so the CV is never decoded: it only has to be well-formed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gateway.live.application import ApplicationRecord

MAX_CV_BYTES = 20 * 1024 * 1024  # "max 20MB"
# field -> (required, max characters); the document's order
FIELDS: dict[str, tuple[bool, int | None]] = {
    "referenceNumber": (True, 255),
    "name": (True, 255),
    "email": (True, 255),
    "phone": (False, 255),
    "city": (False, 255),
    "motivation": (False, 65_535),
    "source": (True, 255),
    "campaign": (True, 255),
    "cv": (False, None),
    "filename": (False, 255),
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_BASE64 = re.compile(rb"[A-Za-z0-9+/\r\n]*(={0,2})[\r\n]*")


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


class InvalidApplication(ValueError):
    """The body is not a valid application; ``problems`` name every field at fault."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


def _cv_problem(cv: str) -> str | None:
    """What is wrong with the CV's base64 (``None``: well-formed and within 20 MB), without decoding it."""
    raw = cv.encode("ascii", errors="replace")
    match = _BASE64.fullmatch(raw)
    digits = len(raw) - raw.count(b"\r") - raw.count(b"\n")
    if match is None or digits % 4:
        return "is not base64"
    size = digits // 4 * 3 - len(match.group(1))
    if size > MAX_CV_BYTES:
        return f"is over the limit of {MAX_CV_BYTES // (1024 * 1024)} MB"
    return None


def parse_application(body: Any, *, application_id: int, received_at: datetime) -> ApplicationRecord:
    """The record of a decoded webhook body; ``InvalidApplication`` naming each field at fault."""
    if not isinstance(body, dict):
        raise InvalidApplication([Problem("body", "must be a JSON object")])
    problems: list[Problem] = []
    values: dict[str, str | None] = {}
    for name, (required, limit) in FIELDS.items():
        value = body.get(name)
        if value is None or value == "":
            if required:
                problems.append(Problem(name, "is required"))
            values[name] = None
        elif not isinstance(value, str):
            problems.append(Problem(name, "must be a string"))
        elif limit is not None and len(value) > limit:
            problems.append(Problem(name, f"is longer than {limit} characters"))
        else:
            values[name] = value
    email = values.get("email")
    if email is not None and not _EMAIL.fullmatch(email):
        problems.append(Problem("email", "is not an e-mail address"))
    cv = values.get("cv")
    if cv is not None:
        problem = _cv_problem(cv)
        if problem is not None:
            problems.append(Problem("cv", problem))
    if problems:
        raise InvalidApplication(problems)

    def given(name: str) -> str:
        value = values[name]
        assert value is not None
        return value

    return ApplicationRecord(
        application_id=application_id,
        reference_number=given("referenceNumber"),
        name=given("name"),
        email=given("email"),
        phone=values["phone"],
        city=values["city"],
        motivation=values["motivation"],
        source=given("source"),
        campaign=given("campaign"),
        has_cv=cv is not None,
        cv_filename=values["filename"] if cv is not None else None,
        received_at=received_at,
    )


__all__ = ["FIELDS", "MAX_CV_BYTES", "InvalidApplication", "Problem", "parse_application"]

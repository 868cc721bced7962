"""Validating an absence body (POST and PUT) into the stored shape, collecting every broken rule.

Required on POST (reference §1.9, as BrynQ's client sends them): ``causeOfAbsence``,
``actionToBeTakenByOccupationalHealthAndSafetyService``,
``isDisruptedEmploymentRelationship``, ``isWorkRelatedIllness``,
``isRecoveredWithinTwoWeeks`` and ``progress`` (``startDate``,
``currentIncapacityPercentage`` 1-100). ``hoursWorkedOnFirstDayOfAbsence`` is 1-8.
Metadata fields need a known ``key``; the stored option carries its ``value``.

Choice: validation failures and business rules are 400 BrokenBusinessRule (the
document's 400: "could not be processed. The reason(s) will be given"); 409 is kept
for If-Match, as the mock-sample document describes it. All problems of one body are
reported together, one message each, naming the field.
Choice: PUT takes the same fields but cannot change ``progress`` or ``endOfAbsence``:
those follow the absence progress records and close/reopen; both are ignored in a
PUT body, as are ``id`` and unknown fields.
"""

from __future__ import annotations

from typing import Any

from simulators.loket.catalog import (
    ACCIDENT_TYPE,
    ACTION_OHS,
    CAUSE_OF_ABSENCE,
    COUNTRY_BE,
    COUNTRY_NL,
    EXPECTED_DURATION,
    LOCATION_TYPE,
    REINTEGRATION_GOAL,
    Option,
)
from simulators.loket.errors import (
    CODE_DATE_ORDER,
    CODE_INVALID_LENGTH,
    CODE_INVALID_VALUE,
    CODE_REQUIRED_FIELD,
    BrokenRule,
)
from simulators.loket.filter_eval import is_iso_date

METADATA = {
    "causeOfAbsence": (CAUSE_OF_ABSENCE, True),
    "actionToBeTakenByOccupationalHealthAndSafetyService": (ACTION_OHS, True),
    "expectedDuration": (EXPECTED_DURATION, False),
    "accidentType": (ACCIDENT_TYPE, False),
}
FLAGS = {
    "isDisruptedEmploymentRelationship": True,
    "isThirdPartyLiability": False,
    "isWorkRelatedIllness": True,
    "hasMobilityIssue": False,
    "isRecoveredWithinTwoWeeks": True,
    "isHospitalised": False,
}


class _Problems:
    def __init__(self) -> None:
        self.entries: list[tuple[int, str]] = []

    def add(self, code: int, text: str) -> None:
        self.entries.append((code, text))

    def option(self, name: str, value: Any, options: dict[int, Option], required: bool) -> Option | None:
        if value is None:
            if required:
                self.add(CODE_REQUIRED_FIELD, f"{name} is required")
            return None
        key = value.get("key") if isinstance(value, dict) else None
        if isinstance(key, bool) or not isinstance(key, int) or key not in options:
            self.add(CODE_INVALID_VALUE, f"{name}.key must be one of {sorted(options)}, got {key!r}")
            return None
        return options[key]

    def date(self, name: str, value: Any, required: bool = False) -> str | None:
        if value is None:
            if required:
                self.add(CODE_REQUIRED_FIELD, f"{name} is required")
            return None
        if not isinstance(value, str) or not is_iso_date(value):
            self.add(CODE_INVALID_VALUE, f"{name} must be a date (YYYY-MM-DD), got {value!r}")
            return None
        return value

    def text(self, name: str, value: Any, limit: int, required: bool = False) -> str | None:
        if value is None or value == "":
            if required:
                self.add(CODE_REQUIRED_FIELD, f"{name} is required")
            return None
        if not isinstance(value, str):
            self.add(CODE_INVALID_VALUE, f"{name} must be text, got {value!r}")
            return None
        if len(value) > limit:
            self.add(CODE_INVALID_LENGTH, f"{name} has an invalid length (at most {limit} characters)")
            return None
        return value

    def integer(self, name: str, value: Any, low: int, high: int, required: bool = False) -> int | None:
        if value is None:
            if required:
                self.add(CODE_REQUIRED_FIELD, f"{name} is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.add(CODE_INVALID_VALUE, f"{name} must be a whole number from {low} to {high}, got {value!r}")
            return None
        return value

    def obj(self, name: str, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.add(CODE_INVALID_VALUE, f"{name} must be an object")
            return None
        return value

    def order(self, first_name: str, first: str | None, second_name: str, second: str | None) -> None:
        if first is not None and second is not None and second < first:
            self.add(CODE_DATE_ORDER, f"{second_name} ({second}) may not be before {first_name} ({first})")


def absence_fields(body: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    """The stored fields of an absence from a request body; raises ``BrokenRule`` listing every problem."""
    p = _Problems()
    fields: dict[str, Any] = {}
    for name, (options, required) in METADATA.items():
        fields[name] = p.option(name, body.get(name), options, required)
    fields["hoursWorkedOnFirstDayOfAbsence"] = p.integer(
        "hoursWorkedOnFirstDayOfAbsence", body.get("hoursWorkedOnFirstDayOfAbsence"), 1, 8
    )
    for name, required in FLAGS.items():
        value = body.get(name)
        if value is None and required:
            p.add(CODE_REQUIRED_FIELD, f"{name} is required")
        elif value is not None and not isinstance(value, bool):
            p.add(CODE_INVALID_VALUE, f"{name} must be true or false, got {value!r}")
        fields[name] = bool(value)
    birth = p.date("expectedDateOfChildbirth", body.get("expectedDateOfChildbirth"))
    leave_end = p.date("expectedEndDateOfMaternityLeave", body.get("expectedEndDateOfMaternityLeave"))
    p.order("expectedDateOfChildbirth", birth, "expectedEndDateOfMaternityLeave", leave_end)
    fields["expectedDateOfChildbirth"], fields["expectedEndDateOfMaternityLeave"] = birth, leave_end
    fields["comments"] = p.text("comments", body.get("comments"), 4000)
    fields["contactInformation"] = _contact(p, p.obj("contactInformation", body.get("contactInformation")))
    fields["caseManager"] = _case_manager(p, p.obj("caseManager", body.get("caseManager")))
    fields["reintegration"] = _reintegration(p, p.obj("reintegration", body.get("reintegration")))
    if creating:
        progress = p.obj("progress", body.get("progress"))
        if progress is None:
            p.add(CODE_REQUIRED_FIELD, "progress is required (startDate and currentIncapacityPercentage)")
        else:
            start = p.date("progress.startDate", progress.get("startDate"), required=True)
            percentage = p.integer(
                "progress.currentIncapacityPercentage",
                progress.get("currentIncapacityPercentage"),
                1,
                100,
                True,
            )
            fields["progress"] = {"startDate": start, "currentIncapacityPercentage": percentage}
    if p.entries:
        raise BrokenRule(*p.entries)
    return fields


def _contact(p: _Problems, value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    start = p.date("contactInformation.startDate", value.get("startDate"), required=True)
    end = p.date("contactInformation.endDate", value.get("endDate"))
    p.order("contactInformation.startDate", start, "contactInformation.endDate", end)
    country = value.get("country")
    iso = country.get("isoCode") if isinstance(country, dict) else None
    key = country.get("key") if isinstance(country, dict) else None
    chosen = COUNTRY_BE if (iso == "BE" or key == 540) else COUNTRY_NL
    if country is not None and chosen["isoCode"] != iso and chosen["key"] != key:
        p.add(CODE_INVALID_VALUE, "contactInformation.country must be NL (530) or BE (540)")
    return {
        "startDate": start,
        "endDate": end,
        "locationType": p.option(
            "contactInformation.locationType", value.get("locationType"), LOCATION_TYPE, False
        ),
        "name": p.text("contactInformation.name", value.get("name"), 70),
        "street": p.text("contactInformation.street", value.get("street"), 24, required=True),
        "houseNumber": p.integer("contactInformation.houseNumber", value.get("houseNumber"), 1, 99999, True),
        "houseNumberAddition": p.text(
            "contactInformation.houseNumberAddition", value.get("houseNumberAddition"), 4
        ),
        "postalCode": p.text("contactInformation.postalCode", value.get("postalCode"), 9, required=True),
        "city": p.text("contactInformation.city", value.get("city"), 24, required=True),
        "furtherIndication": None,
        "country": chosen,
        "phoneNumber": p.text("contactInformation.phoneNumber", value.get("phoneNumber"), 15),
    }


def _case_manager(p: _Problems, value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "name": p.text("caseManager.name", value.get("name"), 25, required=True),
        "function": p.text("caseManager.function", value.get("function"), 50),
        "organization": p.text("caseManager.organization", value.get("organization"), 70),
        "phoneNumber": p.text("caseManager.phoneNumber", value.get("phoneNumber"), 15),
    }


def _reintegration(p: _Problems, value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    goal = p.option(
        "reintegration.reintegrationGoal", value.get("reintegrationGoal"), REINTEGRATION_GOAL, True
    )
    day = p.date(
        "reintegration.dateOfFinalizingPlanOfAction", value.get("dateOfFinalizingPlanOfAction"), True
    )
    return {"reintegrationGoal": goal, "dateOfFinalizingPlanOfAction": day}


FIELD_ORDER = (
    "causeOfAbsence",
    "hoursWorkedOnFirstDayOfAbsence",
    "actionToBeTakenByOccupationalHealthAndSafetyService",
    "expectedDuration",
    "isDisruptedEmploymentRelationship",
    "isThirdPartyLiability",
    "accidentType",
    "isWorkRelatedIllness",
    "expectedDateOfChildbirth",
    "expectedEndDateOfMaternityLeave",
    "hasMobilityIssue",
    "isRecoveredWithinTwoWeeks",
    "isHospitalised",
    "comments",
    "contactInformation",
    "caseManager",
    "reintegration",
)


def absence_row(
    ident: str, fields: dict[str, Any], progress: dict[str, Any], end: dict[str, Any] | None
) -> dict[str, Any]:
    """An absence in the same key order as the seeded ones."""
    row: dict[str, Any] = {"id": ident}
    row.update((name, fields[name]) for name in FIELD_ORDER)
    row["progress"] = progress
    row["endOfAbsence"] = end
    return row

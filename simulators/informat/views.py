"""Which employees a school-year filter selects, and how an employee looks to one school.

The document's rule for the school-year filter: for the current and future school
years, employees with an assignment in that year at the institute *or* marked active
there; for past years, only those with an assignment in that year. A structure (only
311 or 312 count) narrows both halves of the rule.
"""

from __future__ import annotations

from datetime import date

from simulators.informat.catalog import COMNR_SOORTEN, COMNR_TYPES
from simulators.informat.dataset import Dataset
from simulators.informat.records import ComNr, Employee, Json, Membership
from simulators.informat.schoolyears import SchoolYear, wire_date

UNKNOWN_DATE = date(1900, 1, 1)  # the document's example shows unknown first-service dates so


def selected(dataset: Dataset, membership: Membership, year: SchoolYear, structure: str | None) -> bool:
    """Whether the school-year (and 311/312 structure) filter keeps this employee."""
    if structure is None:
        if year.start in membership.years:
            return True
        return year.start >= dataset.current_year and bool(membership.active_structures)
    if (year.start, structure) in membership.worked:
        return True
    return year.start >= dataset.current_year and structure in membership.active_structures


def staff_in_year(
    dataset: Dataset, institute: str, year: SchoolYear, structure: str | None
) -> list[Employee]:
    return [
        employee
        for employee in dataset.staff.get(institute, [])
        if selected(dataset, employee.memberships[institute], year, structure)
    ]


def comnr_json(number: ComNr) -> Json:
    return {
        "id": number.id,
        "type": COMNR_TYPES[number.type],
        "soort": COMNR_SOORTEN[number.soort],
        "nr": number.nr,
    }


def employee_v2(employee: Employee, institute: str, structure: str | None, numbers: list[ComNr]) -> Json:
    """Choice: with a 311/312 structure the employee never worked in, hoofdAmbt and
    eersteDienstSchool are null and isActive is false (they are "determined by means of
    the combination instituteNo & structure")."""
    membership = employee.memberships[institute]
    here = structure is None or structure in membership.structures
    body = dict(employee.base)
    body["hoofdAmbt"] = {"code": membership.ambt.code, "naam": membership.ambt.naam} if here else None
    body["eersteDienstSchool"] = wire_date(membership.first_service) if here else None
    body["eersteDienstScholengroep"] = wire_date(membership.first_service_group or UNKNOWN_DATE)
    body["eersteDienstScholengemeenschap"] = wire_date(membership.first_service_community or UNKNOWN_DATE)
    body["isActive"] = (
        bool(membership.active_structures) if structure is None else structure in membership.active_structures
    )
    body["comnrs"] = [comnr_json(number) for number in numbers]
    body["personeelsgroepen"] = [
        {"id": group_id, "naam": naam}
        for group_id, naam, hfd in membership.groups
        if structure in (None, hfd)
    ]
    return body


def employee_v1(employee: Employee, institute: str, structure: str) -> Json:
    """Version 1: ``personId`` is the integer pPersoon; ``email`` lists the school addresses only.

    Choice: ``ambtcode`` and ``isActive`` are those of the requested structure (the only one
    version 1 knows), as version 2 derives them from institute and structure.
    """
    membership = employee.memberships[institute]
    return {
        "personId": employee.p_persoon,
        "naam": employee.naam,
        "voornaam": employee.voornaam,
        "stamnr": employee.stamnr,
        "ambtcode": membership.ambt.code if structure in membership.structures else None,
        "isActive": structure in membership.active_structures,
        "email": list(employee.school_emails),
    }


def staff_v1(dataset: Dataset, institute: str, structure: str, year: SchoolYear | None) -> list[Employee]:
    """Version 1's filter: ever worked in the structure here; with a school year, worked in it that year."""
    out = []
    for employee in dataset.staff.get(institute, []):
        membership = employee.memberships[institute]
        if (year is None and structure in membership.structures) or (
            year is not None and (year.start, structure) in membership.worked
        ):
            out.append(employee)
    return out

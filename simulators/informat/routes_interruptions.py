"""``PUT /employees/{personId}/interruptions/{interruptionId}`` (add or update a sickness) and
``DELETE /employees/interruptions/{interruptionId}``.

The PUT checks run in three rounds, each answering on its own: the field rules (all BR
codes of the body together, as the document's example lists two), then the combination
and the employee (BR013, BR014), then the rules against what is stored (MNA…, 405).

Choice: BR013 also covers a body ``instelnr`` other than the ``InstituteNo`` header, a
structure the school does not offer and a school year it does not know.
Choice: MNA001 compares institute and school year; a changed ``hfd`` is an ordinary
update (MNA003 and MNA004 exist to forbid it only after AgODi or a substitution).
Choice: an update sets ``verstuurdAgODi`` to false (the last changes are not sent yet)
while still counting as "already sent" for MNA003 and MNA010.
"""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from simulators.informat.body import Body, json_body
from simulators.informat.catalog import INSTITUTES_BY_NUMBER, INTERRUPTION_CODES, WRITABLE_INTERRUPTION_CODES
from simulators.informat.errors import rule_error
from simulators.informat.params import guid
from simulators.informat.records import Interruption
from simulators.informat.schoolyears import SchoolYear, wire_date
from simulators.informat.state import ApiState, done

MAX_LENGTHS = (
    ("opmerking", 500, "BR009"),
    ("naamGeneesheer", 75, "BR010"),
    ("telefoonGeneesheer", 20, "BR011"),
)


def _field_errors(body: Body) -> list[str]:
    errors: list[str] = []
    if not body.string("instelnr"):
        errors.append("BR003A")
    schooljaar = body.string("schooljaar")
    if not schooljaar:
        errors.append("BR004A")
    elif SchoolYear.parse(schooljaar, allow_bare_year=False) is None:
        errors.append("BR004B")
    hfd = body.string("hfd")
    if not hfd:
        errors.append("BR005A")
    elif len(hfd) != 3:
        errors.append("BR005B")
    code = body.string("code")
    if not code:
        errors.append("BR006A")
    elif code not in WRITABLE_INTERRUPTION_CODES:
        errors.append("BR006B")
    begin, end = body.day("begindatum"), body.day("einddatum")
    if begin is None:
        errors.append("BR007A")
    if end is None:
        errors.append("BR008A")
    elif begin is not None and end < begin:
        errors.append("BR008B")
    for name, limit, rule in MAX_LENGTHS:
        if len(body.string(name) or "") > limit:
            errors.append(rule)
    afzender = body.string("afzender")
    if not afzender:
        errors.append("BR012A")
    elif len(afzender) > 50:
        errors.append("BR012B")
    for name in ("magWoonstVerlaten", "geverifieerd", "ziekteverlofZonderBezoldiging"):
        body.boolean(name)  # a non-boolean fails binding before any rule is reported
    return errors


def _overlaps(state: ApiState, person_id: str, institute: str, begin: date, end: date, skip: str) -> bool:
    return any(
        other.person_id == person_id and other.id != skip and begin <= other.end and other.begin <= end
        for other in state.store.by_institute.get(institute, {}).values()
    )


def interruption_routes(state: ApiState) -> list[Route]:
    store = state.store

    async def put_interruption(request: Request) -> Response:
        who = state.caller(request)
        person_id = guid(request.path_params["personId"])
        interruption_id = guid(request.path_params["interruptionId"])
        if person_id is None or interruption_id is None:
            raise rule_error(
                *(["BR001"] if person_id is None else []), *(["BR002"] if interruption_id is None else [])
            )
        body = await json_body(request)
        errors = _field_errors(body)
        if errors:
            raise rule_error(*errors)
        year = SchoolYear.parse(body.string("schooljaar") or "", allow_bare_year=False)
        hfd, code = body.string("hfd") or "", body.string("code") or ""
        begin, end = body.day("begindatum"), body.day("einddatum")
        assert year is not None and begin is not None and end is not None
        dataset = state.dataset
        if (
            body.string("instelnr") != who.institute
            or hfd not in INSTITUTES_BY_NUMBER[who.institute].structures
            or not dataset.first_year <= year.start <= dataset.last_year
        ):
            raise rule_error("BR013")
        employee = dataset.employees.get(person_id)
        if employee is None or who.institute not in employee.memberships:
            raise rule_error("BR014")
        existing = store.interruptions.get(interruption_id)
        if existing is not None:
            if existing.institute != who.institute or existing.school_year != year.start:
                raise rule_error("MNA001")
            if existing.person_id != person_id:
                raise rule_error("MNA002")
            if existing.sent_to_agodi and (existing.hfd, existing.code, existing.begin, existing.end) != (
                hfd,
                code,
                begin,
                end,
            ):
                raise rule_error("MNA003")
            if existing.has_substitution and (existing.hfd, existing.begin, existing.end) != (
                hfd,
                begin,
                end,
            ):
                raise rule_error("MNA004")
        if _overlaps(state, person_id, who.institute, begin, end, interruption_id):
            raise rule_error("MNA006" if existing is not None else "MNA005")
        omschrijving, soort = INTERRUPTION_CODES[code]
        item = Interruption(
            id=interruption_id,
            person_id=person_id,
            institute=who.institute,
            school_year=year.start,
            hfd=hfd,
            code=code,
            begin=begin,
            end=end,
            via_api=existing.via_api if existing is not None else True,
            verified=bool(body.boolean("geverifieerd")),
            sent_to_agodi=existing.sent_to_agodi if existing is not None else False,
            has_substitution=existing.has_substitution if existing is not None else False,
            json={
                "doId": interruption_id,
                "personId": person_id,
                "hfd": hfd,
                "begindatum": wire_date(begin),
                "einddatum": wire_date(end),
                "code": code,
                "omschrijving": omschrijving,
                "soort": soort,
                "verstuurdAgODi": False,
                "opmSecretariaat": existing.json["opmSecretariaat"] if existing is not None else "",
                "opmPersoneelslid": body.string("opmerking"),
                "staking": None,
                "stakingUren": None,
                "ziekteverlofZonderBezoldiging": bool(body.boolean("ziekteverlofZonderBezoldiging")),
            },
            details={
                "naamGeneesheer": body.string("naamGeneesheer"),
                "telefoonGeneesheer": body.string("telefoonGeneesheer"),
                "magWoonstVerlaten": body.boolean("magWoonstVerlaten") is not False,
                "afzender": body.string("afzender"),
            },
        )
        store.save_interruption(item)
        return done()

    async def delete_interruption(request: Request) -> Response:
        who = state.caller(request)
        interruption_id = guid(request.path_params["interruptionId"])
        if interruption_id is None:
            raise rule_error("BR002")
        item = store.interruptions.get(interruption_id)
        if item is None or item.institute != who.institute:
            raise rule_error("BR018")
        for broken, rule in (
            (not item.via_api, "MNA008"),
            (item.verified, "MNA009"),
            (item.sent_to_agodi, "MNA010"),
            (item.has_substitution, "MNA011"),
        ):
            if broken:
                raise rule_error(rule)
        store.remove_interruption(item)
        return done()

    return [
        Route("/employees/interruptions/{interruptionId}", delete_interruption, methods=["DELETE"]),
        Route("/employees/{personId}/interruptions/{interruptionId}", put_interruption, methods=["PUT"]),
    ]

"""Loket's metadata options (``{"key": 1, "value": "..."}``) used by the seeded data.

Values are Dutch, as Loket shows them; keys follow the document's and the spec's
examples where they give one (gender 1 Man / 2 Vrouw, country NL 530 / BE 540,
leaveRequestStatus 9 Geaccepteerd, unitType 1 Uren, cancellationPeriodTimeUnit 4
Maand(en), leaveType 1 Verlof (bovenwettelijk)). The option dicts are shared between
rows, so nothing may ever mutate a row in place.

Choice: every other key is our own numbering (the spec gives one example per option set
at most; for ``causeOfAbsence`` only 1 = maternity leave).
Choice: leave type 2 is "Verlof (wettelijk)" and 15 "ADV", although the leave-balance
parameter text of the spec calls 15 "wettelijk verlof" (and 16 the sum of 1 and 15).
The seeded data of scale 1 is pinned (the demo's ids and examples rest on it), so the
keys stay; a client must take leave types from the rows, never from fixed keys.
"""

from __future__ import annotations

from typing import Any

Option = dict[str, Any]


def _options(*pairs: tuple[int, str]) -> dict[int, Option]:
    return {key: {"key": key, "value": value} for key, value in pairs}


GENDER = _options((1, "Man"), (2, "Vrouw"))
CIVIL_STATUS = _options((1, "Ongehuwd"), (2, "Gehuwd"), (3, "Geregistreerd partnerschap"), (4, "Gescheiden"))
NATIONALITY = _options((1, "Nederlandse"), (2, "Belgische"), (3, "Duitse"), (4, "Marokkaanse"), (5, "Turkse"))
TITLE = _options((1, "Dr."), (2, "Ir."), (3, "Mr."), (4, "Drs."))
HOW_TO_FORMAT_LAST_NAME = _options(
    (1, "Eigen naam"),
    (2, "Naam partner gevolgd door eigen naam"),
    (3, "Eigen naam gevolgd door naam partner"),
    (4, "Naam partner"),
)
TYPE_OF_DOCUMENT = _options((1, "Paspoort"), (2, "Identiteitskaart"), (3, "Rijbewijs"))
STATUS_SELF_SERVICE = _options((1, "Actief"), (2, "Geblokkeerd"), (3, "Niet uitgenodigd"))
FURTHER_INDICATION = _options((1, "Woonboot"), (2, "Woonwagen"))
COUNTRY_NL: Option = {"isoCode": "NL", "key": 530, "value": "Nederland"}
COUNTRY_BE: Option = {"isoCode": "BE", "key": 540, "value": "België"}
PROVINCES = _options(
    *enumerate(
        (
            "Groningen",
            "Friesland",
            "Drenthe",
            "Overijssel",
            "Flevoland",
            "Gelderland",
            "Utrecht",
            "Noord-Holland",
            "Zuid-Holland",
            "Zeeland",
            "Noord-Brabant",
            "Limburg",
        ),
        start=1,
    )
)
PROVINCE_BY_NAME = {option["value"]: option for option in PROVINCES.values()}
LEGAL_FORM = _options((1, "B.V."), (2, "Stichting"), (3, "V.O.F."), (4, "N.V."))

TYPE_OF_EMPLOYEE = _options((1, "Werknemer"), (2, "Stagiair"))
EMPLOYMENT_DURATION = _options((1, "Onbepaalde tijd"), (2, "Bepaalde tijd"))
EMPLOYMENT_CONTRACT = _options((1, "Arbeidsovereenkomst (excl BBL)"), (2, "Arbeidsovereenkomst BBL"))
EMPLOYMENT_CATEGORY = _options((1, "Regulier"), (2, "Ouderschapsverlof"))
CANCELLATION_UNIT = _options((1, "Dag(en)"), (2, "Week/weken"), (4, "Maand(en)"))
END_OF_EMPLOYMENT_REASON = _options(
    (1, "VUT"), (2, "Ontslag op eigen verzoek"), (3, "Einde contract bepaalde tijd"), (4, "Pensioen")
)
ESS_MUTATION_SET = _options((1, "Standaard"))
EMPLOYEE_PROFILE = _options((1, "Profiel full-timers"), (2, "Profiel part-timers"))
NOT_APPLICABLE = {"key": 0, "value": "n.v.t."}

CAUSE_OF_ABSENCE = _options(
    (1, "Zwangerschaps- en bevallingsverlof"),
    (2, "Ziekte"),
    (3, "Arbeidsongeval"),
    (4, "Ziekte door zwangerschap"),
    (5, "Orgaandonatie"),
)
ACTION_OHS = _options(
    (1, "Spoedcontrole aan huis"), (2, "Normale controle"), (3, "Uitnodiging spreekuur"), (4, "Geen actie")
)
EXPECTED_DURATION = _options(
    (1, "Minder dan 1 week"),
    (2, "1 tot 2 weken"),
    (3, "2 tot 6 weken"),
    (4, "Langer dan 6 weken"),
    (5, "Onbekend"),
)
ACCIDENT_TYPE = _options((1, "Bedrijfsongeval"), (2, "Verkeersongeval"), (3, "Sportongeval"), (4, "Overig"))
LOCATION_TYPE = _options((1, "Ziekenhuis"), (2, "Thuisadres"), (3, "Verpleeghuis"), (4, "Overig"))
REINTEGRATION_GOAL = _options(
    (1, "Werkhervatting in de eigen functie"),
    (2, "Werkhervatting in aangepaste functie"),
    (3, "Werkhervatting bij andere werkgever"),
)
END_OF_ABSENCE_REASON = _options(
    (1, "Hersteld"), (2, "Uit dienst"), (3, "Einde wachttijd WIA"), (4, "Overleden")
)
WORK_RESUMPTION = _options(
    (1, "Eigen werk"), (2, "Eigen werk met aanpassing"), (3, "Ander werk"), (4, "Geen werkhervatting")
)

LEAVE_TYPE: dict[int, Option] = {
    1: {"balanceExceedsYear": True, "key": 1, "value": "Verlof (bovenwettelijk)"},
    2: {"balanceExceedsYear": True, "key": 2, "value": "Verlof (wettelijk)"},
    15: {"balanceExceedsYear": False, "key": 15, "value": "ADV"},
}
UNIT_TYPE = _options((1, "Uren"), (2, "Dagen"))
MEANS_OF_CREATION = _options((1, "Individueel"), (2, "Verlofregeling"), (3, "Verlofaanvraag"))
ACCRUAL_TYPE = _options((1, "Per jaar"), (2, "Per periode"))
LEAVE_REQUEST_STATUS = _options((1, "Ingediend"), (9, "Geaccepteerd"), (10, "Afgewezen"), (11, "Ingetrokken"))


def short_option(option: Option) -> Option:
    """``{"key", "value"}`` only: leave requests name their leave type without the extras."""
    return {"key": option["key"], "value": option["value"]}

"""JSON schemas of the Informat simulator's answers, for ``simulators.informat.openapi``.

Written down from what the simulator sends (``views.py``, ``records.py``), field for field:
every property is required and no other is sent; ``ALWAYS_NULL`` marks fields the
simulator leaves null. Dates are local ``YYYY-MM-DDTHH:MM:SS`` without an offset, as the
service sends them (so no ``format: date-time``, which needs one).
"""

from __future__ import annotations

from simulators.openapi.schema import (
    ALWAYS_NULL,
    BOOLEAN,
    INTEGER,
    NUMBER,
    STRING,
    UUID,
    Schema,
    array,
    nullable,
    obj,
)

LOCAL_DATE_TIME: Schema = {
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}",
}

EMPLOYEE_V1 = obj(
    {
        "personId": INTEGER,
        "naam": STRING,
        "voornaam": STRING,
        "stamnr": STRING,
        "ambtcode": STRING,
        "isActive": BOOLEAN,
        "email": array(STRING),
    },
    description="GET /employees with Api-Version 1 (absent or 1).",
)

EMPLOYEE_V2 = obj(
    {
        "pPersoon": INTEGER,
        "personId": UUID,
        "personaId": nullable(UUID),
        "naam": STRING,
        "voornaam": STRING,
        "bijkomendeVoornamen": STRING,
        "stamnr": STRING,
        "sortName": STRING,
        "nickname": STRING,
        "geslacht": STRING,
        "initialen": STRING,
        "geboortedatum": LOCAL_DATE_TIME,
        "geboorteplaats": STRING,
        "geboortelandCode": STRING,
        "nationaliteitCode": STRING,
        "rijksregisternr": STRING,
        "bisnr": ALWAYS_NULL,
        "bank": nullable(
            obj(
                {
                    "iban": STRING,
                    "bic": STRING,
                }
            )
        ),
        "hoofdAmbt": obj(
            {
                "code": STRING,
                "naam": STRING,
            }
        ),
        "eersteDienstSchool": LOCAL_DATE_TIME,
        "eersteDienstScholengroep": LOCAL_DATE_TIME,
        "eersteDienstScholengemeenschap": LOCAL_DATE_TIME,
        "isActive": BOOLEAN,
        "pensioendatum": nullable(LOCAL_DATE_TIME),
        "isMindervalide": BOOLEAN,
        "isOverleden": BOOLEAN,
        "datumOverleden": nullable(LOCAL_DATE_TIME),
        "burgStand": INTEGER,
        "aantalKinderen": INTEGER,
        "mindervalideKinderen": INTEGER,
        "aantalZorgbehoevenden": INTEGER,
        "aantalAndereTenLaste": INTEGER,
        "aantalMindervalideAndereTenLaste": INTEGER,
        "partner": nullable(
            obj(
                {
                    "id": UUID,
                    "naam": STRING,
                    "voornaam": STRING,
                    "geboortedatum": LOCAL_DATE_TIME,
                    "nationaliteitCode": STRING,
                    "isOverleden": BOOLEAN,
                    "datumOverleden": nullable(LOCAL_DATE_TIME),
                    "inkomen": INTEGER,
                }
            )
        ),
        "adressen": array(
            obj(
                {
                    "id": UUID,
                    "aanspreekTitel": STRING,
                    "aanspreekNaam": STRING,
                    "straat": STRING,
                    "nummer": STRING,
                    "bus": STRING,
                    "postcode": STRING,
                    "gemeente": STRING,
                    "landCode": STRING,
                    "isDomicilie": BOOLEAN,
                    "isVerblijf": BOOLEAN,
                }
            )
        ),
        "comnrs": array(
            obj(
                {
                    "id": UUID,
                    "type": STRING,
                    "soort": STRING,
                    "nr": STRING,
                }
            )
        ),
        "emailadressen": array(
            obj(
                {
                    "id": UUID,
                    "type": STRING,
                    "email": STRING,
                }
            )
        ),
        "kinderen": array(
            obj(
                {
                    "id": UUID,
                    "naam": STRING,
                    "voornaam": STRING,
                    "geslacht": STRING,
                    "geboortedatum": LOCAL_DATE_TIME,
                    "isOverleden": BOOLEAN,
                    "datumOverleden": nullable(LOCAL_DATE_TIME),
                    "fiscaalTenLaste": BOOLEAN,
                    "fiscaalTenLasteTot": nullable(LOCAL_DATE_TIME),
                }
            )
        ),
        "personeelsgroepen": array(
            obj(
                {
                    "id": UUID,
                    "naam": STRING,
                }
            )
        ),
    }
)

ASSIGNMENTS = obj(
    {
        "id": UUID,
        "personId": UUID,
        "begindatum": LOCAL_DATE_TIME,
        "einddatum": LOCAL_DATE_TIME,
        "hfd": STRING,
        "vervangingen": array(
            obj(
                {
                    "opdrachtId": UUID,
                    "doId": UUID,
                }
            )
        ),
        "prestatieUren": NUMBER,
        "prestatieNoemer": INTEGER,
        "urenTbsOB": NUMBER,
        "ato": STRING,
        "afstandWachtgeld": NUMBER,
        "reaffWedertew": STRING,
        "bekwaamheidsbewijs": STRING,
        "graad": STRING,
        "leerjaar": STRING,
        "onderwijsvorm": STRING,
        "opleidingsvorm": STRING,
        "ambtCode": STRING,
        "ambt": STRING,
        "vakCode": nullable(STRING),
        "vak": nullable(STRING),
        "vakRubriek": nullable(STRING),
        "gelijkgesteldVakCode": ALWAYS_NULL,
        "gelijkgesteldVak": ALWAYS_NULL,
        "gelijkgesteldVakRubriek": ALWAYS_NULL,
        "isAmbtvak": BOOLEAN,
        "aanstellingscode": INTEGER,
        "isTao": BOOLEAN,
        "isVacature": BOOLEAN,
        "mandaatCode": STRING,
        "omkaderingCode": STRING,
        "omkadering": STRING,
        "opmerking": STRING,
        "vestiging": nullable(STRING),
        "baremaCode": ALWAYS_NULL,
        "barema": ALWAYS_NULL,
        "vwoStudiegebiedCode": ALWAYS_NULL,
        "vwoStudiegebied": ALWAYS_NULL,
        "vwoOpleidingCode": ALWAYS_NULL,
        "vwoOpleiding": ALWAYS_NULL,
        "vwoModuleCode": ALWAYS_NULL,
        "vwoModule": ALWAYS_NULL,
        "urenVanScholengem": BOOLEAN,
        "urenVanAndereSchool": BOOLEAN,
        "opdrachtType": INTEGER,
    }
)

INTERRUPTIONS = obj(
    {
        "doId": UUID,
        "personId": UUID,
        "hfd": STRING,
        "begindatum": LOCAL_DATE_TIME,
        "einddatum": LOCAL_DATE_TIME,
        "code": STRING,
        "omschrijving": STRING,
        "soort": STRING,
        "verstuurdAgODi": nullable(BOOLEAN),
        "opmSecretariaat": STRING,
        "opmPersoneelslid": nullable(STRING),
        "staking": nullable(STRING),
        "stakingUren": nullable(NUMBER),
        "ziekteverlofZonderBezoldiging": BOOLEAN,
    }
)

DIPLOMAS = obj(
    {
        "id": UUID,
        "personId": UUID,
        "omschrijving": STRING,
        "uitgereiktDoor": STRING,
        "uitgereiktOp": LOCAL_DATE_TIME,
        "isHoofddiploma": BOOLEAN,
        "isBekwaamheidsbewijs": BOOLEAN,
    }
)

APPOINTMENTS = obj(
    {
        "id": UUID,
        "personId": UUID,
        "hfd": STRING,
        "begindatum": LOCAL_DATE_TIME,
        "einddatum": nullable(LOCAL_DATE_TIME),
        "ambtCode": STRING,
        "ambt": STRING,
        "vakCode": nullable(STRING),
        "vak": nullable(STRING),
        "prestatieUren": NUMBER,
        "prestatieNoemer": INTEGER,
    }
)

PHOTOS = obj(
    {
        "id": UUID,
        "personId": UUID,
        "photo": STRING,
    }
)

OWNFIELDS = obj(
    {
        "personId": UUID,
        "vvId": UUID,
        "naam": STRING,
        "waarde": STRING,
        "dataType": STRING,
        "rubriek": INTEGER,
    }
)

ROWS: dict[str, Schema] = {
    "EmployeeV1": EMPLOYEE_V1,
    "Employee": EMPLOYEE_V2,
    "Assignment": ASSIGNMENTS,
    "Interruption": INTERRUPTIONS,
    "Diploma": DIPLOMAS,
    "Appointment": APPOINTMENTS,
    "Photo": PHOTOS,
    "OwnField": OWNFIELDS,
}
BODIES: dict[str, Schema] = {
    "InterruptionWrite": obj(
        {
            "instelnr": STRING,
            "schooljaar": STRING,
            "hfd": STRING,
            "begindatum": STRING,
            "einddatum": STRING,
            "code": STRING,
            "opmerking": STRING,
            "naamGeneesheer": STRING,
            "telefoonGeneesheer": STRING,
            "afzender": STRING,
            "geverifieerd": BOOLEAN,
            "magWoonstVerlaten": BOOLEAN,
            "ziekteverlofZonderBezoldiging": BOOLEAN,
        },
        optional=[
            "opmerking",
            "naamGeneesheer",
            "telefoonGeneesheer",
            "afzender",
            "geverifieerd",
            "magWoonstVerlaten",
            "ziekteverlofZonderBezoldiging",
        ],
        closed=False,
    ),
    "AttachmentWrite": obj({"filename": STRING, "file": {"type": "string", "format": "byte"}}, closed=False),
    "CommunicationNumberWrite": obj(
        {"id": UUID, "type": INTEGER, "soort": INTEGER, "nummer": STRING}, optional=["id"], closed=False
    ),
}

"""Diplomas, photos and own fields (eigen velden) of the seeded staff.

Choice: the document shows no response fields for diplomas and photos; the shapes follow
the published PHP client (kobavzw/informat-php-client): a diploma is ``id, personId,
omschrijving, uitgereiktDoor, uitgereiktOp, isHoofddiploma, isBekwaamheidsbewijs``; a photo
is ``id, personId, photo`` with the image as base64 (a small PNG here).
"""

from __future__ import annotations

import base64
import random
import struct
import zlib
from datetime import date, datetime, time, timedelta

from simulators.informat.catalog import DIPLOMAS, OWN_FIELDS
from simulators.informat.records import Json, Membership, OwnFieldValue, Photo
from simulators.informat.schoolyears import wire_date
from simulators.informat.staffing import PersonPlan
from simulators.seeding import random_date, uuid_from

PHOTO_SHARE = 0.85
PHOTO_SIZE = 16  # pixels per side
OWN_FIELD_CHANCE = {
    "kastnummer": 0.7,
    "nummerplaat": 0.4,
    "badgenummer": 0.6,
    "EHBO-attest geldig tot": 0.15,
    "klaslokaal": 0.3,
}
_KIND = {
    "leraar": "secondary",
    "godsdienst": "secondary",
    "onderwijzer": "primary",
    "kleuter": "primary",
    "lo_basis": "primary",
    "directeur": "secondary",
}


def diplomas_for(rng: random.Random, plan: PersonPlan) -> list[Json]:
    kind = _KIND.get(plan.jobs[0].ambt, "support")
    chosen = [rng.choice(DIPLOMAS[kind])]
    if rng.random() < 0.3:
        chosen.append(rng.choice(DIPLOMAS["extra"]))
    out = []
    for index, (omschrijving, door, bekwaam) in enumerate(chosen):
        awarded = random_date(
            rng, date(plan.born.year + 21, 6, 20), date(plan.born.year + 23 + 4 * index, 7, 5)
        )
        out.append(
            {
                "id": uuid_from(rng),
                "personId": plan.person_id,
                "omschrijving": omschrijving,
                "uitgereiktDoor": door,
                "uitgereiktOp": wire_date(awarded),
                "isHoofddiploma": index == 0,
                "isBekwaamheidsbewijs": bekwaam,
            }
        )
    return out


def _png(red: int, green: int, blue: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", PHOTO_SIZE, PHOTO_SIZE, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + bytes((red, green, blue)) * PHOTO_SIZE for _ in range(PHOTO_SIZE))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def photo_for(rng: random.Random, plan: PersonPlan, today: date) -> Photo | None:
    if rng.random() >= PHOTO_SHARE:
        return None
    image = _png(rng.randrange(256), rng.randrange(256), rng.randrange(256))
    day = random_date(rng, today - timedelta(days=3 * 365), today)
    changed = datetime.combine(day, time(rng.randint(7, 18), rng.randint(0, 59), rng.randint(0, 59)))
    body = {"id": uuid_from(rng), "personId": plan.person_id, "photo": base64.b64encode(image).decode()}
    return Photo(plan.person_id, changed, body)


def own_field_ids(rng: random.Random, institutes: list[tuple[str, str]]) -> dict[tuple[str, str, str], str]:
    """(institute, structure, field name) -> vvId: one id per field, shared by every employee."""
    return {(number, hfd, naam): uuid_from(rng) for number, hfd in institutes for naam, _, _ in OWN_FIELDS}


def own_fields_for(
    rng: random.Random,
    plan: PersonPlan,
    membership: Membership,
    ids: dict[tuple[str, str, str], str],
    current: int,
) -> list[OwnFieldValue]:
    """Choice: a field belongs to the person's main structure at the school, for every school year
    they worked there; ``Datum`` values are written dd/MM/yyyy (``waarde`` is a string, format unknown)."""
    years = membership.years | ({current} if membership.active_structures else frozenset())
    out = []
    for naam, data_type, rubriek in OWN_FIELDS:
        if rng.random() >= OWN_FIELD_CHANCE[naam]:
            continue
        hfd = membership.structures[0]
        if data_type == "Getal":
            value = str(rng.randint(1, 9999))
        elif data_type == "Datum":
            value = (date(current + 1, 1, 1) + timedelta(days=rng.randint(0, 1000))).strftime("%d/%m/%Y")
        elif naam == "nummerplaat":
            letters = "".join(rng.choices("ABCDEFGHJKLMNPRSTVXYZ", k=3))
            value = f"{rng.randint(1, 2)}-{letters}-{rng.randint(1, 999):03d}"
        else:
            value = f"{rng.choice('ABCDE')}{rng.randint(0, 3)}.{rng.randint(1, 20):02d}"
        body = {
            "personId": plan.person_id,
            "vvId": ids[(membership.institute, hfd, naam)],
            "naam": naam,
            "waarde": value,
            "dataType": data_type,
            "rubriek": rubriek,
        }
        out.append(OwnFieldValue(plan.person_id, membership.institute, hfd, frozenset(years), body))
    return out

"""PUT and DELETE /employees/interruptions/{interruptionId}/attachments/{attachmentId}."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from simulators.informat.dataset import Dataset
from simulators.informat.records import Interruption
from tests.simulators.informat.support import HASSELT, Api, codes

ATTACHMENT = "54fea255-24d2-4a91-80db-7325d5dd3d5e"
JPEG = base64.b64encode(b"\xff\xd8\xff\xe0" + b"\x00" * 64).decode()


def upload(**changes: Any) -> dict[str, Any]:
    example: dict[str, Any] = {"Filename": "Foto.jpg", "File": JPEG}
    for key, value in changes.items():
        if value is None:
            example.pop(key)
        else:
            example[key] = value
    return example


def path(interruption: str, attachment: str = ATTACHMENT) -> str:
    return f"/employees/interruptions/{interruption}/attachments/{attachment}"


@pytest.fixture
def two_of_one_person(dataset: Dataset) -> tuple[Interruption, Interruption]:
    """Two seeded interruptions of one Hasselt teacher."""
    mine: dict[str, list[Interruption]] = {}
    for item in dataset.interruptions:
        if item.institute == HASSELT:
            mine.setdefault(item.person_id, []).append(item)
    first, second = next(items for items in mine.values() if len(items) >= 2)[:2]
    return first, second


async def test_link_one_attachment_to_two_interruptions_then_unlink(
    api: Api, two_of_one_person: tuple[Interruption, Interruption]
) -> None:
    first, second = two_of_one_person
    response = await api.put(path(first.id, "{" + ATTACHMENT + "}"), upload())
    assert response.status_code == 200 and response.content == b""
    assert (await api.put(path(first.id), upload(Filename="Foto-2.PNG"))).status_code == 200  # update
    assert (await api.put(path(second.id), upload())).status_code == 200
    assert (await api.delete(path(first.id))).status_code == 200
    assert codes(await api.delete(path(first.id))) == ["BR019"]
    assert (await api.delete(path(second.id))).status_code == 200
    assert codes(await api.delete(path(second.id))) == ["BR019"]


async def test_attachment_of_another_employee(
    api: Api, dataset: Dataset, two_of_one_person: tuple[Interruption, ...]
) -> None:
    mine = two_of_one_person[0]
    theirs = next(
        i for i in dataset.interruptions if i.institute == HASSELT and i.person_id != mine.person_id
    )
    assert (await api.put(path(mine.id), upload())).status_code == 200
    response = await api.put(path(theirs.id), upload())
    assert response.status_code == 405 and codes(response) == ["MNA007"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"Filename": None}, ["BR016A"]),
        ({"Filename": ""}, ["BR016A"]),
        ({"Filename": "x" * 97 + ".pdf"}, ["BR016B"]),
        ({"Filename": "virus.exe"}, ["BR016C"]),
        ({"Filename": "README"}, ["BR016C"]),
        ({"File": None}, ["BR017A"]),
        ({"File": ""}, ["BR017A"]),
        ({"Filename": None, "File": None}, ["BR016A", "BR017A"]),
    ],
)
async def test_upload_rules(
    api: Api, two_of_one_person: tuple[Interruption, ...], changes: dict[str, Any], expected: list[str]
) -> None:
    response = await api.put(path(two_of_one_person[0].id), upload(**changes))
    assert response.status_code == 400 and codes(response) == expected


@pytest.mark.parametrize(
    "extension",
    ["bmp", "JPG", "jpeg", "png", "gif", "svg", "doc", "docx", "xls", "xlsx", "txt", "zip", "pdf"],
)
async def test_every_documented_extension(
    api: Api, two_of_one_person: tuple[Interruption, ...], extension: str
) -> None:
    assert (
        await api.put(path(two_of_one_person[0].id), upload(Filename=f"attest.{extension}"))
    ).status_code == 200


async def test_files_over_ten_megabytes(api: Api, two_of_one_person: tuple[Interruption, ...]) -> None:
    big = base64.b64encode(b"\x00" * (10 * 1024 * 1024 + 1)).decode()
    response = await api.put(path(two_of_one_person[0].id), upload(Filename="scan.pdf", File=big))
    assert response.status_code == 400 and codes(response) == ["BR017B"]


async def test_malformed_base64_does_not_bind(api: Api, two_of_one_person: tuple[Interruption, ...]) -> None:
    response = await api.put(path(two_of_one_person[0].id), upload(File="not base64!"))
    assert response.status_code == 400 and "$.file" in response.json()["errors"]


async def test_ids_and_unknown_interruption(api: Api) -> None:
    assert codes(await api.put(path("nope", "nope"), upload())) == ["BR002", "BR015"]
    assert codes(await api.put(path("1ad2c8d4-5b44-4b73-9d38-6f0a2c1c9e77", "x"), upload())) == ["BR015"]
    assert codes(await api.put(path("1ad2c8d4-5b44-4b73-9d38-6f0a2c1c9e77"), upload())) == ["BR018"]
    assert codes(await api.delete(path("nope", ATTACHMENT))) == ["BR002"]
    assert codes(await api.delete(path("1ad2c8d4-5b44-4b73-9d38-6f0a2c1c9e77"))) == ["BR019"]


async def test_deleting_the_interruption_deletes_its_only_attachments(api: Api, dataset: Dataset) -> None:
    teacher = next(a.person_id for a in dataset.assignments_by_year[(HASSELT, 2026)] if a.hfd == "311")
    interruption = "c5f21445-1180-42ef-832e-62a8d53044c2"
    sickness = {
        "instelnr": HASSELT,
        "schooljaar": "2026-27",
        "hfd": "311",
        "code": "1",
        "begindatum": "2027-06-14",
        "einddatum": "2027-06-15",
        "afzender": "tests",
    }
    assert (await api.put(f"/employees/{teacher}/interruptions/{interruption}", sickness)).status_code == 200
    assert (await api.put(path(interruption), upload())).status_code == 200
    assert (await api.delete(f"/employees/interruptions/{interruption}")).status_code == 200
    assert codes(await api.delete(path(interruption))) == ["BR019"]

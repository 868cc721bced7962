"""PUT /employees/{personId}/communication-number and DELETE …/communication-number/{communicationNoId}."""

from __future__ import annotations

from typing import Any

import pytest

from simulators.informat.dataset import Dataset
from tests.simulators.informat.support import CURRENT, GENT, HASSELT, Api, codes, fetch_token


def number(**changes: Any) -> dict[str, Any]:
    example: dict[str, Any] = {"soort": 3, "type": 7, "nummer": "0496 10 12 14", "id": None}
    example.update(changes)
    return example


@pytest.fixture
def colleague(dataset: Dataset) -> str:
    """An active Hasselt employee without an alternative or emergency number yet."""
    return next(
        e.person_id
        for e in dataset.staff[HASSELT]
        if e.memberships[HASSELT].active_structures
        and not any(n.type in (7, 9) for n in dataset.comnrs[e.person_id])
    )


async def numbers_of(api: Api, person: str) -> list[dict[str, Any]]:
    return list((await api.get(f"/employees/{person}", schoolyear=CURRENT)).json()["comnrs"])


async def test_add_update_and_delete_a_number(api: Api, colleague: str) -> None:
    before = await numbers_of(api, colleague)
    response = await api.put(f"/employees/{colleague}/communication-number", number())
    assert response.status_code == 200
    new_id = response.json()
    assert isinstance(new_id, str) and len(new_id) == 36
    after = await numbers_of(api, colleague)
    assert after == [
        *before,
        {"id": new_id, "type": "Alternatief nummer", "soort": "Gsm", "nr": "0496 10 12 14"},
    ]
    changed = await api.put(
        f"/employees/{colleague}/communication-number", number(id=new_id, nummer="03 123 45 67", soort="1")
    )
    assert changed.json() == new_id
    assert (await numbers_of(api, colleague))[-1] == {
        "id": new_id,
        "type": "Alternatief nummer",
        "soort": "Telefoon",
        "nr": "03 123 45 67",
    }
    deleted = await api.delete(f"/employees/{colleague}/communication-number/{new_id}")
    assert deleted.status_code == 200 and deleted.content == b""
    assert await numbers_of(api, colleague) == before
    assert codes(await api.delete(f"/employees/{colleague}/communication-number/{new_id}")) == ["BR028"]


async def test_same_kind_or_same_number_already_there(api: Api, dataset: Dataset) -> None:
    owner = next(
        e
        for e in dataset.staff[HASSELT]
        if e.memberships[HASSELT].active_structures
        and any((n.soort, n.type) == (3, 8) for n in dataset.comnrs[e.person_id])
    )
    existing = next(n for n in dataset.comnrs[owner.person_id] if (n.soort, n.type) == (3, 8))
    url = f"/employees/{owner.person_id}/communication-number"
    same = await api.put(url, number(type=8, nummer=existing.nr.replace(" ", "")))
    assert same.status_code == 400 and codes(same) == ["BR026"]
    assert same.json()["errors"][0]["Message"].endswith(f"'Soort, Type & Nummer'; Id: {existing.id}")
    other = await api.put(url, number(type=8, nummer="0470 00 00 01"))
    assert codes(other) == ["BR025"] and other.json()["errors"][0]["Message"].endswith(f"Id: {existing.id}")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"soort": 2}, ["BR020"]),
        ({"soort": None}, ["BR020"]),
        ({"type": 3}, ["BR021"]),
        ({"type": None}, ["BR021"]),
        ({"nummer": ""}, ["BR022"]),
        ({"nummer": None}, ["BR022"]),
        ({"nummer": "call me"}, ["BR023"]),
        ({"nummer": "0496"}, ["BR023"]),
        ({"nummer": "04+96 10 12 14"}, ["BR023"]),
        ({"soort": 9, "type": 99, "nummer": ""}, ["BR020", "BR021", "BR022"]),
        ({"id": "a8050737-6004-459a-bc35-6028e15bd0a3"}, ["BR028"]),
    ],
)
async def test_number_rules(api: Api, colleague: str, changes: dict[str, Any], expected: list[str]) -> None:
    response = await api.put(f"/employees/{colleague}/communication-number", number(**changes))
    assert response.status_code == 400 and codes(response) == expected


@pytest.mark.parametrize("changes", [{"soort": "three"}, {"type": True}, {"nummer": 496101214}, {"id": "x"}])
async def test_wrong_json_types_do_not_bind(api: Api, colleague: str, changes: dict[str, Any]) -> None:
    response = await api.put(f"/employees/{colleague}/communication-number", number(**changes))
    assert response.status_code == 400 and response.headers["content-type"].startswith(
        "application/problem+json"
    )


async def test_the_employee_must_exist_and_be_active_here(api: Api, dataset: Dataset) -> None:
    assert codes(await api.put("/employees/nope/communication-number", number())) == ["BR001"]
    stranger = next(e.person_id for e in dataset.staff[GENT] if HASSELT not in e.memberships)
    assert codes(await api.put(f"/employees/{stranger}/communication-number", number())) == ["BR014"]
    leaver = next(e.person_id for e in dataset.staff[HASSELT] if not e.memberships[HASSELT].active_structures)
    response = await api.put(f"/employees/{leaver}/communication-number", number())
    assert codes(response) == ["BR024"]
    assert response.json()["errors"][0]["Message"] == f"This employee is not active in institute {HASSELT}"


async def test_delete_path_errors(api: Api, dataset: Dataset, colleague: str) -> None:
    assert codes(await api.delete("/employees/nope/communication-number/nope")) == ["BR001", "BR027"]
    assert codes(await api.delete(f"/employees/{colleague}/communication-number/nope")) == ["BR027"]
    stranger = next(e.person_id for e in dataset.staff[GENT] if HASSELT not in e.memberships)
    mine = (
        dataset.comnrs[colleague][0].id
        if dataset.comnrs[colleague]
        else "a8050737-6004-459a-bc35-6028e15bd0a3"
    )
    assert codes(await api.delete(f"/employees/{stranger}/communication-number/{mine}")) == ["BR014"]


async def test_reset_restores_the_seeded_numbers(api: Api, colleague: str) -> None:
    before = await numbers_of(api, colleague)
    assert (await api.put(f"/employees/{colleague}/communication-number", number())).status_code == 200
    assert (await api.http.post("/_sim/reset")).status_code == 204
    api.token = await fetch_token(api.http)
    assert await numbers_of(api, colleague) == before

"""Changing absences: PUT with If-Match and ETag, close and reopen with their progress record,
DELETE with its progress, and reset restoring the seeded state."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from simulators.loket.store import LoketStore
from tests.simulators.loket.support import ALICE, API, Employers, assert_messages

pytestmark = pytest.mark.usefixtures("fresh")
ABSENCES = f"{API}/employees/absences"


def open_absence(store: LoketStore, employer: str) -> dict[str, Any]:
    data = store.data
    return next(
        a
        for e in data.employees.children[employer]
        for a in store.absences.under(e)
        if a["endOfAbsence"] is None and len(store.progress.children[a["id"]]) >= 2
    )


async def test_put_honours_if_match_and_changes_the_etag(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    absence = open_absence(store, employers.alice[0])
    url = f"{ABSENCES}/{absence['id']}"
    first = await client.get(url, headers=ALICE)
    etag = first.headers["etag"]
    body = {
        **first.json()["content"],
        "comments": "Telefonisch gesproken",
        "progress": {"startDate": "2000-01-01"},
    }
    edited = await client.put(url, headers=ALICE | {"If-Match": etag}, json=body)
    assert edited.status_code == 200, edited.text
    content = edited.json()["content"]
    assert content["comments"] == "Telefonisch gesproken"
    assert content["progress"] == absence["progress"]  # progress follows the progress records, not PUT
    assert edited.headers["etag"] != etag
    after = await client.get(url, headers=ALICE)
    assert after.json()["content"] == content and after.headers["etag"] == edited.headers["etag"]
    stale = await client.put(url, headers=ALICE | {"If-Match": etag}, json=body | {"comments": "Te laat"})
    messages = assert_messages(stale, 409, "ConcurrencyViolation", "If-Match")
    assert stale.json()["content"] is None and messages[0]["code"] == 3001
    assert (await client.get(url, headers=ALICE)).json()["content"]["comments"] == "Telefonisch gesproken"
    for header in ({}, {"If-Match": "*"}, {"If-Match": f"W/{edited.headers['etag']}"}):
        assert (await client.put(url, headers=ALICE | header, json=body)).status_code == 200
    invalid = await client.put(url, headers=ALICE, json=body | {"causeOfAbsence": None})
    assert_messages(invalid, 400, "BrokenBusinessRule", "causeOfAbsence is required")


async def test_close_and_reopen_move_the_end_of_the_absence_and_its_last_progress_record(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    absence = open_absence(store, employers.alice[0])
    url = f"{ABSENCES}/{absence['id']}"
    today = store.data.today.isoformat()
    closed = await client.patch(
        f"{url}/closeabsence", headers=ALICE, json={"endOfAbsence": {"date": today, "reason": {"key": 1}}}
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["content"]["endOfAbsence"] == {
        "date": today,
        "reason": {"key": 1, "value": "Hersteld"},
    }
    records = (await client.get(f"{url}/absenceprogress", headers=ALICE)).json()["_embedded"]
    assert records[-1]["endDate"] == today and all(r["endDate"] for r in records)
    twice = await client.patch(f"{url}/closeabsence", headers=ALICE, json={"endOfAbsence": {"date": today}})
    assert_messages(twice, 400, "BrokenBusinessRule", "already closed")
    reopened = await client.patch(f"{url}/reopenabsence", headers=ALICE)
    assert reopened.status_code == 200 and reopened.json()["content"]["endOfAbsence"] is None
    records = (await client.get(f"{url}/absenceprogress", headers=ALICE)).json()["_embedded"]
    assert records[-1]["endDate"] is None
    assert_messages(
        await client.patch(f"{url}/reopenabsence", headers=ALICE), 400, "BrokenBusinessRule", "not closed"
    )


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({}, "endOfAbsence.date is required"),
        ({"endOfAbsence": {"reason": {"key": 1}}}, "endOfAbsence.date is required"),
        ({"endOfAbsence": {"date": "24-11-2026"}}, "endOfAbsence.date must be a date"),
        ({"endOfAbsence": {"date": "2099-01-01"}}, "may not be after today"),
        ({"endOfAbsence": {"date": "1999-01-01"}}, "may not be before"),
        (
            {"endOfAbsence": {"date": "2026-11-24", "reason": {"key": 42}}},
            "endOfAbsence.reason.key must be one of",
        ),
    ],
)
async def test_closing_needs_a_sensible_end(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers, body: dict[str, Any], words: str
) -> None:
    absence = open_absence(store, employers.alice[0])
    response = await client.patch(f"{ABSENCES}/{absence['id']}/closeabsence", headers=ALICE, json=body)
    assert_messages(response, 400, "BrokenBusinessRule", words)
    assert store.absences.rows[absence["id"]]["endOfAbsence"] is None


async def test_reopening_may_not_overlap_a_later_absence_and_stale_if_match_is_409(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    data = store.data
    employee = next(
        e for e in data.employees.children[employers.alice[0]] if len(store.absences.children.get(e, [])) >= 2
    )
    earlier = store.absences.under(employee)[0]
    url = f"{ABSENCES}/{earlier['id']}/reopenabsence"
    assert_messages(
        await client.patch(url, headers=ALICE), 400, "BrokenBusinessRule", "would overlap the later absence"
    )
    stale = await client.patch(url, headers=ALICE | {"If-Match": '"stale"'})
    assert_messages(stale, 409, "ConcurrencyViolation")


async def test_delete_removes_the_absence_with_its_progress_and_reset_brings_it_back(
    client: httpx.AsyncClient, store: LoketStore, employers: Employers
) -> None:
    absence = open_absence(store, employers.alice[0])
    url = f"{ABSENCES}/{absence['id']}"
    records = list(store.progress.children[absence["id"]])
    stale = await client.delete(url, headers=ALICE | {"If-Match": '"stale"'})
    assert stale.status_code == 409
    deleted = await client.delete(url, headers=ALICE)
    assert deleted.status_code == 200
    assert deleted.json() == {
        "version": {"obsoleteDate": None, "resourceVersion": "2020-03-16"},
        "messages": [],
        "content": {},
    }
    assert (await client.get(url, headers=ALICE)).status_code == 404
    assert (await client.get(f"{ABSENCES}/absenceprogress/{records[0]}", headers=ALICE)).status_code == 404
    assert (await client.delete(url, headers=ALICE)).status_code == 404
    assert (await client.post("/_sim/reset")).status_code == 204
    restored = await client.get(url, headers=ALICE)
    assert restored.status_code == 200 and restored.json()["content"] == absence
    assert store.progress.children[absence["id"]] == records


async def test_writes_to_unknown_absences_are_404_and_to_bad_ids_400(client: httpx.AsyncClient) -> None:
    missing = await client.put(f"{ABSENCES}/00000000-0000-4000-8000-000000000000", headers=ALICE, json={})
    assert_messages(missing, 404, "NotFound")
    bad = await client.patch(f"{ABSENCES}/nope/closeabsence", headers=ALICE, json={})
    assert_messages(bad, 400, "BrokenBusinessRule", "'nope' is not valid for absenceId")
    assert (
        await client.post(f"{ABSENCES}/00000000-0000-4000-8000-000000000000", headers=ALICE)
    ).status_code == 405

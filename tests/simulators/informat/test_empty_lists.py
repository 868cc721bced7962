"""A list with no rows is 404 with an empty body, as the document's result codes say (attachment 1:
"404 All - The request was received and processed correctly, but there is no data in the
response set"); the same call with rows is 200 with a JSON array."""

from __future__ import annotations

import httpx
import pytest

from simulators.informat.dataset import Dataset
from simulators.informat.schoolyears import SchoolYear
from tests.simulators.informat.support import CURRENT, HASSELT, NEXT, Api

NO_DATA_YEAR = "2010-11"  # long before the seeded years, and valid without a structure
BULK = [
    "/employees",
    "/employees/assignments",
    "/employees/interruptions",
    "/employees/diplomas",
    "/employees/appointments",
    "/employees/photos",
    "/employees/ownfields",
]
PER_PERSON = ["assignments", "interruptions", "diplomas", "ownfields"]


def full_record(dataset: Dataset) -> str:
    """A Hasselt employee with an assignment, interruption, diploma, own field and appointment this year."""
    year = SchoolYear.parse(CURRENT)
    assert year is not None
    interrupted = {
        i.person_id for i in dataset.interruptions if i.institute == HASSELT and year.overlaps(i.begin, i.end)
    }
    return next(
        e.person_id
        for e in dataset.staff[HASSELT]
        if (HASSELT, e.person_id) in dataset.appointments
        and e.person_id in interrupted
        and any(a.year == year.start for a in dataset.assignments_by_person.get((HASSELT, e.person_id), []))
        and any(year.start in v.years for v in dataset.own_fields.get((HASSELT, e.person_id), []))
    )


def assert_no_data(response: httpx.Response) -> None:
    assert (response.status_code, response.content) == (404, b"")


@pytest.mark.parametrize("path", BULK)
async def test_bulk_list_of_a_year_without_data_is_404(api: Api, path: str) -> None:
    with_rows = await api.get(path, schoolyear=CURRENT)
    assert with_rows.status_code == 200 and with_rows.json()
    empty = await api.get(path, schoolyear=NO_DATA_YEAR)
    assert_no_data(empty)
    assert empty.headers["access-control-allow-origin"] == "*"


async def test_version_1_employee_list_without_data_is_404(api: Api) -> None:
    """Next school year is a valid combination but nobody has worked in it yet."""
    assert (await api.get("/employees", version="1", structure="311", schoolyear=CURRENT)).json()
    empty = await api.get("/employees", version="1", structure="311", schoolyear=NEXT)
    assert_no_data(empty)


@pytest.mark.parametrize("what", PER_PERSON)
async def test_per_person_list_without_rows_is_404(api: Api, dataset: Dataset, what: str) -> None:
    person = full_record(dataset)
    with_rows = await api.get(f"/employees/{person}/{what}", schoolyear=CURRENT)
    assert with_rows.status_code == 200 and with_rows.json()
    empty = await api.get(f"/employees/{person}/{what}", schoolyear=NO_DATA_YEAR)
    assert_no_data(empty)


async def test_a_person_without_interruptions_this_year_gets_404(api: Api, dataset: Dataset) -> None:
    year = SchoolYear.parse(CURRENT)
    assert year is not None
    interrupted = {i.person_id for i in dataset.interruptions if year.overlaps(i.begin, i.end)}
    healthy = next(
        a.person_id
        for a in dataset.assignments_by_year[(HASSELT, year.start)]
        if a.person_id not in interrupted
    )
    response = await api.get(f"/employees/{healthy}/interruptions", schoolyear=CURRENT)
    assert_no_data(response)
    # the person is there: the employee itself is found, only the list is empty
    assert (await api.get(f"/employees/{healthy}", schoolyear=CURRENT)).status_code == 200


async def test_a_person_without_appointments_gets_404(api: Api, dataset: Dataset) -> None:
    holder = full_record(dataset)
    assert (await api.get(f"/employees/{holder}/appointments")).json()
    temporary = next(
        e.person_id for e in dataset.staff[HASSELT] if (HASSELT, e.person_id) not in dataset.appointments
    )
    response = await api.get(f"/employees/{temporary}/appointments")
    assert_no_data(response)


async def test_a_filter_that_leaves_nothing_is_404(api: Api) -> None:
    """``changedSince`` after every photo: processed correctly, no data."""
    response = await api.get("/employees/photos", schoolyear=CURRENT, changedSince="2100-01-01")
    assert_no_data(response)

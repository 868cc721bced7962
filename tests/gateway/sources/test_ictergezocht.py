"""The ICTerGezocht source: what the API selects and what the gateway applies, pages read once per
request, vacancies found by their publish day, rows converted no more than once."""

from __future__ import annotations

from collections import Counter
from datetime import date

from gateway.context import Context, build_context
from gateway.dialects.filters import AllOf, AnyOf, Condition, Op
from gateway.dialects.ictergezocht import Period
from gateway.names import Upstream
from gateway.paging import Window
from gateway.sources.ictergezocht import ICTERGEZOCHT, split
from simulators.config import SimConfig
from simulators.ictergezocht.accounts import DEMO_ACCOUNT
from simulators.ictergezocht.data import generate_dataset
from tests.schema import conftest
from tests.schema.conftest import Gateway

MARCH = date(2026, 3, 1)
CITY = Condition(("city",), Op.EQ, "Utrecht")
U = Upstream.ICTERGEZOCHT
sim = conftest.gateway  # the fixture: the simulators in-process, their call counts reset


def _context(sim: Gateway) -> Context:
    return build_context({}, sim.settings, sim.upstreams)


async def _insight_calls(sim: Gateway) -> int:
    return int((await sim.calls())["ictergezocht"]["endpoints"].get("GET /vacancy/insight", 0))


def test_the_publish_period_goes_to_the_api_and_the_rest_stays_over_record_attributes() -> None:
    since = Condition(("publish_date",), Op.GTE, MARCH)
    assert split(AllOf((since, CITY))) == (Period(MARCH, None), CITY)
    # a publish date inside an 'or' cannot be selected by the API: it is applied in the gateway
    either = AnyOf((since, CITY))
    assert split(either) == (Period(), either)
    assert split(None) == (Period(), None)


async def test_a_page_is_read_once_per_request_and_every_row_converted_once(sim: Gateway) -> None:
    context = _context(sim)
    first = await ICTERGEZOCHT.vacancies_page(context, None, [], Window(0, 10))
    again = await ICTERGEZOCHT.vacancies_page(context, None, [], Window(0, 10))
    assert first == again and len(first.items) == 10 and first.total == DEMO_ACCOUNT.vacancy_count
    assert await _insight_calls(sim) == 1
    assert context.work.converted[U] == context.work.fetched[U] == 10


async def test_a_filter_reads_pages_only_until_the_window_is_full(sim: Gateway) -> None:
    context = _context(sim)
    page = await ICTERGEZOCHT.vacancies_page(context, CITY, [], Window(0, 1))
    assert [record.city for record in page.items] == ["Utrecht"]
    assert page.has_more is True and page.total is None  # the rest of the account was not read
    assert await _insight_calls(sim) == 1


async def test_vacancies_are_found_by_id_with_one_scan_per_publish_day(
    sim: Gateway,
    sim_config: SimConfig,
) -> None:
    dataset = generate_dataset(sim_config.seed, sim_config.today)
    mine = [v.insight() for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id]
    days = Counter(row["publishDate"] for row in mine)
    busy = next(day for day, count in days.items() if count >= 2)
    same_day = [(row["vacancyId"], date.fromisoformat(busy)) for row in mine if row["publishDate"] == busy]
    elsewhere = (same_day[0][0], date.fromisoformat(busy).replace(year=2001))

    found = await ICTERGEZOCHT.vacancies_by_id(_context(sim), [*same_day, elsewhere])
    assert set(found) == set(same_day)  # a vacancy is not found under another publish day
    assert all(found[key].vacancy_id == key[0] for key in same_day)
    assert await _insight_calls(sim) == 2  # the busy day, and the empty day of 2001

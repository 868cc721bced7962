"""What a request fetched is freed when its answer is out, by reference counting alone.

A request's loaders and memo refer back to its Context (a cycle). Before ``Context.close``,
every answered request left its upstream rows, records and futures to the cyclic garbage
collector, which the serving process runs rarely (``gateway.gc_tuning``): a 200-person answer
left ~20,000 objects and megabytes of rows behind per request until a full collection.
"""

from __future__ import annotations

import gc

from gateway.records import AbsenceRecord, EmploymentRecord, PersonRecord
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.stack import ALICE, in_process_gateway

TEAM = """
query($employer: ID!) {
  persons(employerId: $employer, first: 60) {
    nodes { id employments { nodes { jobTitle } } absences { nodes { kind } } }
  }
}
"""
EMPLOYER = "RW1wbG95ZXI6bG9rZXQ6NGZhZDQ3YTItNWNmZS00NzI1LTllZjQtZDNkNmFhNTAzNzIx"


def records_alive() -> int:
    kinds = (PersonRecord, EmploymentRecord, AbsenceRecord)
    return sum(1 for thing in gc.get_objects() if isinstance(thing, kinds))


async def test_an_answered_request_leaves_no_records_for_the_collector(sim_config: SimConfig) -> None:
    async with in_process_gateway(create_simulator_app(sim_config)) as stack:
        gc.collect()
        before = records_alive()
        gc.disable()
        try:
            answer = await stack.gateway.post(
                "/graphql", json={"query": TEAM, "variables": {"employer": EMPLOYER}}, headers=ALICE
            )
            assert len(answer.json()["data"]["persons"]["nodes"]) == 60
            left = records_alive() - before
        finally:
            gc.enable()
    assert left == 0

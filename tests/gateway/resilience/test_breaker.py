"""The circuit breaker's states, driven by a fake clock."""

from __future__ import annotations

from gateway.resilience.breaker import MAX_CREDENTIALS, CircuitBreaker, CredentialBreakers
from gateway.settings import BreakerPolicy
from tests.support.clock import FakeClock

POLICY = BreakerPolicy(failures=3, cooldown=10.0)


def test_opens_after_failures_in_a_row_only() -> None:
    circuit = CircuitBreaker(POLICY, clock=FakeClock())
    circuit.failed()
    circuit.failed()
    circuit.succeeded()  # a success in between starts the count again
    circuit.failed()
    circuit.failed()
    assert circuit.state == "closed" and circuit.allow()
    circuit.failed()
    assert circuit.state == "open" and not circuit.allow()
    assert circuit.retry_in() == 10.0


def test_half_open_lets_exactly_one_probe_through_and_closes_on_its_success() -> None:
    clock = FakeClock()
    circuit = CircuitBreaker(POLICY, clock=clock)
    for _ in range(3):
        circuit.failed()
    clock.advance(9.9)
    assert circuit.state == "open" and not circuit.allow()
    clock.advance(0.1)
    assert circuit.state == "half-open"
    assert circuit.allow()  # the probe
    assert not circuit.allow()  # everyone else still fails fast while it is out
    circuit.succeeded()
    assert circuit.state == "closed" and circuit.allow() and circuit.failures == 0


def test_a_failed_probe_opens_the_circuit_for_another_cooldown() -> None:
    clock = FakeClock()
    circuit = CircuitBreaker(POLICY, clock=clock)
    for _ in range(3):
        circuit.failed()
    clock.advance(10)
    assert circuit.allow()
    circuit.failed()
    assert circuit.state == "open" and circuit.retry_in() == 10.0
    assert circuit.as_json() == {"state": "open", "failures": 4, "retryInSeconds": 10.0}


def test_a_probe_without_verdict_frees_the_slot_for_the_next() -> None:
    clock = FakeClock()
    circuit = CircuitBreaker(POLICY, clock=clock)
    for _ in range(3):
        circuit.failed()
    clock.advance(10)
    assert circuit.allow() and not circuit.allow()
    circuit.released()  # the probe was cut by its request's deadline
    assert circuit.allow()


def test_late_failures_of_calls_sent_before_opening_do_not_extend_the_cooldown() -> None:
    clock = FakeClock()
    circuit = CircuitBreaker(POLICY, clock=clock)
    for _ in range(3):
        circuit.failed()
    clock.advance(5)
    circuit.failed()
    assert circuit.retry_in() == 5.0


def test_credential_circuits_are_separate_and_bounded() -> None:
    breakers = CredentialBreakers(POLICY, clock=FakeClock())
    for _ in range(3):
        breakers.refused("alice-hash")
    alice = breakers.get("alice-hash")
    assert alice is not None and alice.state == "open"
    assert breakers.get("bob-hash") is None and breakers.open_count() == 1
    breakers.accepted("alice-hash")
    assert breakers.get("alice-hash") is None
    for n in range(MAX_CREDENTIALS + 10):
        breakers.refused(f"k{n}")
    assert len(breakers._circuits) == MAX_CREDENTIALS

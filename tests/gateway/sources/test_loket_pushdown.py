"""What a root list's filter lets the Loket source leave unfetched: it may only narrow (the gateway
applies the whole filter afterwards), never drop a row the filter could match."""

from __future__ import annotations

from datetime import date

from gateway.dialects.filters import AllOf, AnyOf, Condition, Op
from gateway.records import AbsenceKind
from gateway.sources.loket import dates_pushdown, entity_pushdown, kinds_allowed


def test_department_equality_goes_to_the_leave_balances_entity() -> None:
    tree = Condition(("department",), Op.EQ, "Sectie talen")
    assert entity_pushdown(tree) == "organizationalEntity.department.description eq 'Sectie talen'"


def test_a_job_title_matches_the_deviating_description_or_the_function() -> None:
    text = entity_pushdown(Condition(("job_title",), Op.IN, ("Docent Engels", "Mentor")))
    assert text is not None
    assert "organizationalEntity.deviatingFunctionDescription eq 'Docent Engels'" in text
    assert "organizationalEntity.function.description eq 'Mentor'" in text


def test_contains_and_alternatives_are_not_pushed_down() -> None:
    # Loket's 'lk' may not ignore case, and a condition under 'or' does not bind every match
    assert entity_pushdown(Condition(("department",), Op.CONTAINS, "talen")) is None
    either = AnyOf((Condition(("department",), Op.EQ, "A"), Condition(("job_title",), Op.EQ, "B")))
    assert entity_pushdown(either) is None


def test_open_employments_only_are_asked_for() -> None:
    tree = AllOf(
        (Condition(("end_date",), Op.IS_NULL, True), Condition(("start_date",), Op.LTE, date(2026, 1, 1)))
    )
    assert dates_pushdown(tree) == "endDate eq null and startDate le '2026-01-01'"
    assert dates_pushdown(Condition(("job_title",), Op.EQ, "x")) is None


def test_a_kind_filter_rules_out_a_calendar() -> None:
    assert kinds_allowed(None) == set(AbsenceKind)
    assert kinds_allowed(Condition(("kind",), Op.EQ, AbsenceKind.SICKNESS)) == {AbsenceKind.SICKNESS}
    assert kinds_allowed(Condition(("kind",), Op.NE, AbsenceKind.LEAVE)) == {
        AbsenceKind.SICKNESS,
        AbsenceKind.OTHER,
    }
    both = Condition(("kind",), Op.IN, (AbsenceKind.LEAVE, AbsenceKind.SICKNESS))
    assert kinds_allowed(both) == {AbsenceKind.LEAVE, AbsenceKind.SICKNESS}
    either = AnyOf((Condition(("kind",), Op.EQ, AbsenceKind.LEAVE), Condition(("code",), Op.EQ, "2")))
    assert kinds_allowed(either) == set(AbsenceKind)

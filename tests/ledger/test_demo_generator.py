"""The demo ledger as plain data: deterministic, fitted to the figures, checked before writing."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal

import pytest

from taizhang.ledger.credit_code import credit_code_problem
from taizhang.ledger.demo import DemoFiguresError, build_demo_ledger, generate_demo_ledger
from taizhang.ledger.demo import writer as demo_writer
from taizhang.ledger.demo.checks import check_ledger, usd_billions
from taizhang.ledger.demo.fitting import FittingError, Slot, fit_values
from taizhang.ledger.models import Event, Investor, Project
from taizhang.ledger.normalise import normalise_name


@pytest.fixture(scope="module")
def ledger():
    return generate_demo_ledger()


def test_the_same_seed_gives_the_same_ledger_row_for_row(ledger) -> None:
    again = generate_demo_ledger()
    assert again.projects == ledger.projects
    assert again.investors == ledger.investors
    assert again.chain_owners == ledger.chain_owners
    assert again.people == ledger.people


def test_another_seed_gives_another_ledger_that_meets_every_figure_too(ledger) -> None:
    other = generate_demo_ledger(seed=7)
    assert [p.value_units for p in other.projects] != [p.value_units for p in ledger.projects]
    assert check_ledger(other) == []


def test_the_generated_ledger_meets_every_figure(ledger) -> None:
    assert check_ledger(ledger) == []


def test_the_check_names_each_figure_a_changed_value_misses(ledger) -> None:
    tampered = dataclasses.replace(
        ledger, projects=[dataclasses.replace(p) for p in ledger.projects]
    )
    project = next(p for p in tampered.projects if p.event == "SCE2022" and p.sector == "BIO")
    project.value_units += 1
    problems = check_ledger(tampered)
    assert any(problem.startswith("SCE2022 all projects: ¥212110000000.00") for problem in problems)
    assert any(problem.startswith("SCE2022 biomedicine:") for problem in problems)
    assert not any(problem.startswith("SCE2021") for problem in problems)


def test_dollar_totals_round_to_the_published_figures() -> None:
    assert usd_billions(Decimal("252400000000.00"), Decimal("6.4768")) == Decimal("38.97")
    assert usd_billions(Decimal("46300000000.00"), Decimal("6.66")) == Decimal("6.95")


def test_credit_codes_are_valid_gb32100_codes_and_unique(ledger) -> None:
    codes = [investor.credit_code for investor in ledger.investors if investor.credit_code]
    assert len(codes) > 100
    assert [code for code in codes if credit_code_problem(code)] == []
    assert len(set(codes)) == len(codes)


def test_names_read_as_project_names_and_are_unique_within_an_event(ledger) -> None:
    for project in ledger.projects:
        assert project.name.endswith("项目"), project.name
        assert "项目项目" not in project.name
    keys = [(project.event, normalise_name(project.name)) for project in ledger.projects]
    assert len(set(keys)) == len(keys)
    assert all(investor.name_zh and investor.name_en for investor in ledger.investors)


def test_the_real_company_the_sources_name_has_only_its_own_project(ledger) -> None:
    changan = [p for p in ledger.projects if "changan" in p.investors]
    assert [(p.event, p.name) for p in changan] == [("SCE2018", "长安汽车新能源汽车产业园项目")]


# --- The fitting ------------------------------------------------------------------------------


def slots() -> list[Slot]:
    layout = [("a", "x", 50, 99), ("a", "y", 100, 499), ("b", "x", 100, 499), ("b", "y", 500, 999)]
    return [Slot({"one": one, "two": two}, low, high) for one, two, low, high in layout * 3]


def test_fitting_meets_every_group_total_and_keeps_each_value_in_its_band() -> None:
    fitted = slots()
    targets = {"one": {"a": 1200, "b": 3000}, "two": {"x": 1000, "y": 3200}}
    fit_values(fitted, targets, random.Random(1))
    for dimension, groups in targets.items():
        for group, target in groups.items():
            assert sum(s.value for s in fitted if s.labels[dimension] == group) == target
    assert all(s.low <= s.value <= s.high for s in fitted)


def test_fitting_is_the_same_for_the_same_seed() -> None:
    first, second = slots(), slots()
    targets = {"one": {"a": 1200, "b": 3000}, "two": {"x": 1000, "y": 3200}}
    fit_values(first, targets, random.Random(5))
    fit_values(second, targets, random.Random(5))
    assert [s.value for s in first] == [s.value for s in second]


def test_fitting_refuses_a_total_its_bands_cannot_reach() -> None:
    with pytest.raises(FittingError, match="one=a: target 100 outside"):
        fit_values(slots(), {"one": {"a": 100, "b": 4100}}, random.Random(1))


# --- The builder refuses a ledger that misses a figure ----------------------------------------


@pytest.mark.django_db
def test_the_builder_writes_nothing_when_the_ledger_misses_a_figure(monkeypatch, ledger) -> None:
    def tampered_ledger():
        projects = [dataclasses.replace(p) for p in ledger.projects]
        next(p for p in projects if p.event == "SCE2021").value_units += 10
        return dataclasses.replace(ledger, projects=projects)

    monkeypatch.setattr(demo_writer, "generate_demo_ledger", tampered_ledger)
    with pytest.raises(DemoFiguresError) as raised:
        build_demo_ledger()
    assert any("SCE2021 all projects" in problem for problem in raised.value.problems)
    assert not Event.objects.exists()
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_the_builder_checks_the_database_too_and_undoes_the_write(monkeypatch, ledger) -> None:
    # A ledger whose rows pass the plain-data check but whose region the database places
    # outside the host: only the check after writing can see it, and it must undo the write.
    def moved_ledger():
        projects = [dataclasses.replace(p) for p in ledger.projects]
        next(p for p in projects if p.event == "SCE2022").region = "510000"
        return dataclasses.replace(ledger, projects=projects)

    monkeypatch.setattr(demo_writer, "generate_demo_ledger", moved_ledger)
    monkeypatch.setattr(demo_writer, "check_ledger", lambda _ledger: [])
    with pytest.raises(DemoFiguresError) as raised:
        build_demo_ledger()
    assert any("SCE2022 all projects: 69 projects" in problem for problem in raised.value.problems)
    assert not Investor.objects.exists()
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_the_builder_writes_in_bulk_with_a_bounded_number_of_queries(
    django_assert_max_num_queries,
) -> None:
    # One statement per table and batch, never one per row: 256 projects, 40 statements at most.
    with django_assert_max_num_queries(40):
        summary = build_demo_ledger()
    assert summary.projects == Project.objects.count() == 256

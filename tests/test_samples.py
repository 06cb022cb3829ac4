"""The seeded sample files: deterministic, committed as generated, and they import cleanly in order."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from dashboard.auth.roles import Actor
from dashboard.domain import Period
from dashboard.imports import BatchResult, import_files
from dashboard.ingest import ReadOptions, read_upload
from dashboard.ingest.template import build_template
from dashboard.samples import SAMPLE_TARGETS, sample_files, sample_ytd, write_samples
from dashboard.storage.engine import open_database
from dashboard.storage.queries import StoredFigure, current_figures

DATA = Path(__file__).resolve().parent.parent / "data"
TEN_K = Decimal(10_000)


@pytest.fixture(scope="module")
def files() -> list[tuple[str, bytes]]:
    return sample_files()


@pytest.fixture(scope="module")
def imported(
    tmp_path_factory: pytest.TempPathFactory, files: list[tuple[str, bytes]]
) -> Iterator[tuple[Engine, BatchResult]]:
    tmp_path = tmp_path_factory.mktemp("samples")
    engine = open_database(f"sqlite:///{tmp_path}/t.db")
    result = import_files(engine, files, ReadOptions(), Actor("test", "finance"))
    yield engine, result
    engine.dispose()


@pytest.fixture(scope="module")
def stored(imported: tuple[Engine, BatchResult]) -> dict[tuple[str, Period, str], StoredFigure]:
    engine, _ = imported
    with engine.connect() as conn:
        return current_figures(conn)


def group_ytd(stored: dict[tuple[str, Period, str], StoredFigure], period: Period, metric: str) -> Decimal:
    values = (f.ytd for (_, p, m), f in stored.items() if p == period and m == metric and f.ytd is not None)
    return sum(values, Decimal(0))


def test_sample_files_are_byte_identical(files: list[tuple[str, bytes]]) -> None:
    assert sample_files() == files
    assert [name for name, _ in files] == [
        f"{y}Q{q}_经营快报.{'csv' if (y, q) == (2021, 1) else 'xlsx'}" for y in (2021, 2022, 2023) for q in (1, 2, 3, 4)
    ]


def test_committed_files_are_current(files: list[tuple[str, bytes]]) -> None:
    """data/samples and data/templates hold what ``python -m dashboard.samples`` writes."""
    committed = {p.name: p.read_bytes() for p in (DATA / "samples").iterdir() if p.name != "README.md"}
    assert committed == dict(files), "run: python -m dashboard.samples"
    assert (DATA / "templates" / "快报模板.xlsx").read_bytes() == build_template()


def test_write_samples(tmp_path: Path, files: list[tuple[str, bytes]]) -> None:
    paths = write_samples(tmp_path / "new")
    assert [(p.name, p.read_bytes()) for p in paths] == files


@pytest.mark.parametrize("index", range(12))
def test_each_file_reads_without_problems(files: list[tuple[str, bytes]], index: int) -> None:
    name, data = files[index]
    parsed = read_upload(data, name)
    assert parsed.ok and not parsed.warnings, parsed.problems
    assert [str(p) for p in parsed.periods] == [name[:6]]
    assert len(parsed.units) == (14 if name < "2022Q3" else 15)
    assert parsed.file_kind == ("csv" if name.endswith(".csv") else "xlsx")


def test_files_import_in_order(imported: tuple[Engine, BatchResult]) -> None:
    _, result = imported
    assert result.stored and not result.has_errors, [p.errors for p in result.plans]
    warnings = {
        (p.parsed.filename, w.code, w.params["unit"], w.params["metric"])
        for p in result.plans
        for w in p.parsed.warnings
    }
    assert warnings == {  # the one restatement (上年同期 after a change of scope) and nothing else
        ("2023Q2_经营快报.xlsx", "restated_prior", "1106", "revenue"),
        ("2023Q2_经营快报.xlsx", "restated_prior", "1106", "profit"),
    }


def test_stored_figures_are_exact(stored: dict[tuple[str, Period, str], StoredFigure]) -> None:
    """Every stored year-to-date figure (also from the 本季 file 2023Q3) is the generated 万元 × 10,000."""
    expected = {key: value * TEN_K for key, value in sample_ytd().items()}
    assert {key: f.ytd for key, f in stored.items()} == expected
    assert stored[("1201", Period(2023, 3), "revenue")].source == "quarter"
    assert not any(code == "1202" and p < Period(2022, 3) for code, p, _ in stored)
    assert stored[("1202", Period(2023, 2), "revenue")].prior_ytd is None
    new_unit = stored[("1202", Period(2023, 3), "revenue")]
    assert new_unit.prior_ytd == expected[("1202", Period(2022, 3), "revenue")]
    restated = stored[("1106", Period(2023, 2), "revenue")].prior_ytd
    assert restated is not None and restated < expected[("1106", Period(2022, 2), "revenue")]


def test_group_totals_fit_the_targets(stored: dict[tuple[str, Period, str], StoredFigure]) -> None:
    revenue_2023 = group_ytd(stored, Period(2023, 4), "revenue")
    assert abs(revenue_2023 - Decimal("38.7e9")) <= Decimal("38.7e9") * Decimal("0.02")
    revenue_2022, profit_2022 = (group_ytd(stored, Period(2022, 4), m) for m in ("revenue", "profit"))
    assert revenue_2022 * Decimal("1.05") > Decimal("38e9")  # the growth floor binds revenue
    assert profit_2022 * Decimal("1.05") < Decimal("0.98e9")  # the amount target binds profit
    assert abs(group_ytd(stored, Period(2021, 4), "revenue") - Decimal("33.9e9")) < Decimal("0.1e9")
    assert abs(group_ytd(stored, Period(2023, 4), "profit") - Decimal("0.99e9")) < Decimal("0.01e9")
    q1_share = group_ytd(stored, Period(2023, 1), "revenue") / revenue_2023
    assert Decimal("0.15") < q1_share < Decimal("0.21")
    targets = {t.metric: (t.year, t.amount, t.growth_floor) for t in SAMPLE_TARGETS}
    assert targets == {
        "revenue": (2023, Decimal("38000000000"), Decimal("0.05")),
        "profit": (2023, Decimal("980000000"), Decimal("0.05")),
    }


def test_unit_stories(stored: dict[tuple[str, Period, str], StoredFigure]) -> None:
    def full_year(code: str, year: int, metric: str = "profit") -> Decimal:
        value = stored[(code, Period(year, 4), metric)].ytd
        assert value is not None
        return value

    profit = full_year

    assert profit("1104", 2022) < profit("1104", 2023) < 0  # loss narrowing (减亏)
    assert profit("1108", 2022) < 0 < profit("1108", 2023)  # back to profit (扭亏)
    assert profit("1109", 2022) > 0 > profit("1109", 2023)  # profit to loss
    assert full_year("1901", 2023, "revenue") < 0  # eliminations

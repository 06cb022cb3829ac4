"""The agreement test: ``status --json``, the read model, the Overview and Units pages and the gap report say the
same thing to the yuan, for the group and every unit, for every quarter of the sample year (issue 9, bar 1).

The JSON is read through ``dashboard.cli.main`` as a user runs it; the pages through the entry file
(``AppTest``), their cards compared with the model's figures formatted by ``i18n.numbers``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection
from streamlit.testing.v1 import AppTest

from dashboard.analytics.engine import GROUP, MetricFigures
from dashboard.analytics.model import ReadModel, descendants
from dashboard.cli import main
from dashboard.domain import Period
from dashboard.i18n import t
from dashboard.i18n.numbers import amount, points, rate, view_decimals
from dashboard.status import CONTRACT, load_model
from dashboard.storage.engine import open_database
from dashboard.ui.cards import metric_decimals, signed
from tests.app.conftest import app, db_url, kpi_blocks, kpi_values, sample_db  # noqa: F401  (the signed-in app on the demo database)

QUARTERS = (1, 2, 3, 4)
ADDITIVE = ("ytd_actual", "prior_ytd")  # a scope's figures that sum its members'
PAGE_UNITS = ("1101", "1104", "1102")  # a plain unit, one with a loss (减亏), a parent shown alone


def yuan(value: Any) -> Decimal | None:
    """An amount rounded half-up to the yuan (JSON numbers and Decimals alike)."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def agrees(key: str, shown: Any, figure: Any) -> bool:
    """One figure of the JSON equals the model's: amounts to the yuan, everything else exactly."""
    if isinstance(figure, Decimal):
        return yuan(shown) == yuan(figure)
    return bool(shown == figure)


def differences(shown: dict[str, Any], figures: MetricFigures) -> dict[str, tuple[Any, Any]]:
    return {
        key: (shown[key], getattr(figures, key))
        for key in CONTRACT
        if not agrees(key, shown[key], getattr(figures, key))
    }


@pytest.fixture(scope="module")
def status_by_quarter(sample_db: Path) -> dict[int, dict[str, Any]]:  # noqa: F811
    """``status --json`` for each quarter of 2023, as the command line prints it."""
    out: dict[int, dict[str, Any]] = {}
    for q in QUARTERS:
        printed: list[str] = []
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("dashboard.cli.Context.out", lambda self, line="", into=printed: into.append(line))
            args = ["status", "--year", "2023", "--as-of", f"2023Q{q}", "--json", "--db", f"sqlite:///{sample_db}"]
            assert main(args) == 0
        out[q] = json.loads("\n".join(printed))
    return out


@pytest.fixture(scope="module")
def conn(sample_db: Path) -> Iterator[Connection]:  # noqa: F811
    engine = open_database(f"sqlite:///{sample_db}")
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def model(conn: Connection, q: int, scope: str = GROUP, alone: bool = False) -> ReadModel:
    return load_model(conn, 2023, Period(2023, q), scope, alone=alone)


@pytest.mark.parametrize("q", QUARTERS)
def test_status_json_is_the_read_model_for_the_group_and_every_unit(
    conn: Connection, status_by_quarter: dict[int, dict[str, Any]], q: int
) -> None:
    printed = status_by_quarter[q]
    group = model(conn, q)
    assert printed["as_of"] == f"2023Q{q}" and printed["time_progress"] == group.time_progress
    for m in group.metrics:
        assert differences(printed["metrics"][m.code], group.entity.metrics[m.code]) == {}, (q, m.code)
        assert differences(printed["metrics"][m.code], group.by_metric[m.code].figures) == {}, (q, m.code)
    listed = {u["code"]: u["metrics"] for u in printed["units"]}
    assert set(listed) == {u.code for u in group.unit_rows}
    for code in group.units:
        alone = model(conn, q, code, alone=True)
        row = group.unit(code)
        for m in group.metrics:
            if code not in listed:  # no figure this year and no target: nothing to show anywhere
                assert row is None and alone.entity.metrics[m.code].ytd_actual is None
                continue
            assert row is not None
            assert differences(listed[code][m.code], row.metrics[m.code]) == {}, (q, code, m.code)
            assert differences(listed[code][m.code], alone.entity.metrics[m.code]) == {}, (q, code, m.code)


@pytest.mark.parametrize("q", QUARTERS)
def test_a_unit_with_the_units_under_it_sums_what_status_lists(
    conn: Connection, status_by_quarter: dict[int, dict[str, Any]], q: int
) -> None:
    listed = {u["code"]: u["metrics"] for u in status_by_quarter[q]["units"]}
    group = model(conn, q)
    parents = [c for c in group.units if len(descendants(group.units, c)) > 1]
    assert parents  # the sample has 1102 → 1201 and 1105 → 1202
    for code in parents:
        scope = model(conn, q, code)
        members = [c for c in scope.members if c in listed]
        for m in scope.metrics:
            for key in ADDITIVE:
                values = [listed[c][m.code][key] for c in members if listed[c][m.code][key] is not None]
                expected = sum((Decimal(str(v)) for v in values), Decimal(0)) if values else None
                assert yuan(getattr(scope.entity.metrics[m.code], key)) == yuan(expected), (q, code, m.code, key)
            figures = scope.entity.metrics[m.code]  # the change counts members without last year's figure too
            assert figures.yoy_change == figures.ytd_actual - figures.prior_ytd  # type: ignore[operator]
            targets = [listed[c][m.code]["effective_target"] for c in members]
            if all(t is not None for t in targets):
                total = sum((Decimal(str(t)) for t in targets), Decimal(0))
                assert yuan(scope.entity.metrics[m.code].effective_target) == yuan(total)


# --------------------------------------------------------------------------- the pages


def cards(at: AppTest, figures: list[MetricFigures], level: str, pace: str) -> tuple[list[str], list[str]]:
    """(what the page's cards show, what they should show from the model's figures) for each metric's six, in
    the decimals of the metric's cards (``ui.cards.metric_decimals``); words where a rate would mislead."""
    expected: list[str] = []
    for m in figures:
        places = metric_decimals(m, level, "zh")
        projection = m.projection_seasonal if pace == "seasonal" else m.projection_linear
        completion = t(f"completion.{m.completion_wording}", "zh") if m.completion_wording else rate(m.completion_rate)
        expected += [amount(v, "zh", level, places, with_unit=False) for v in (m.ytd_actual, m.effective_target)]
        expected += [completion, amount(m.gap, "zh", level, places, with_unit=False)]
        growth = t("kpi.exceeded", "zh") if m.gap is not None and m.gap <= 0 else rate(m.required_growth_rest_of_year)
        expected += [amount(projection, "zh", level, places, with_unit=False), growth]
    return kpi_values(at), expected


def deltas(at: AppTest, figures: list[MetricFigures], level: str) -> tuple[list[str], list[str]]:
    """(the year-on-year and against-time-progress notes shown, those expected from the figures)."""
    got, expected = [], []
    for block, m in zip(kpi_blocks(at), figures, strict=True):
        got += [block.cards[0].note, block.cards[2].note]
        change = signed(amount(m.yoy_change, "zh", level, metric_decimals(m, level, "zh"), with_unit=False))
        growth = (
            f"{t(f'loss.{m.loss_wording}', 'zh')} {change}" if m.loss_wording else f"同比 {signed(rate(m.yoy_growth))}"
        )
        gap = t("kpi.no_rate", "zh") if m.completion_wording else f"较序时进度 {points(m.progress_gap, 'zh')}"
        expected += [growth, gap]
    return got, expected


def units_list(at: AppTest) -> dict[str, str]:
    """The Overview's units table: code → 本年累计 as shown."""
    table = at.dataframe[0].value
    ytd = next(c for c in table.columns if str(c).startswith("本年累计"))
    return dict(zip(table["编码"], table[ytd], strict=True))


def test_the_overview_and_units_pages_show_the_models_figures(
    app: Callable[..., AppTest],  # noqa: F811
    conn: Connection,
) -> None:
    at = app("executive")
    for q in QUARTERS:
        at.sidebar.selectbox(key="view.quarter").set_value(q).run()
        assert not at.exception
        at.switch_page("app_pages/overview.py").run()
        group = model(conn, q)
        figures = [group.entity.metrics[m.code] for m in group.metrics]
        got, want = cards(at, figures, "group", group.settings.pace)
        assert got == want, ("overview", q)
        got, want = deltas(at, figures, "group")
        assert got == want, ("overview", q)
        revenue = [u.metrics["revenue"] for u in group.unit_rows]  # one scale per view: the Overview's is 亿元
        places = view_decimals([v for m in revenue for v in (m.ytd_actual, m.effective_target)], "group", "zh")
        assert units_list(at) == {  # the units table under the cards: every unit's 本年累计, most behind first
            u.code: amount(m.ytd_actual, "zh", "group", places, with_unit=False)
            for u, m in zip(group.unit_rows, revenue, strict=True)
        }
        assert list(at.dataframe[0].value["编码"]) == list(group.by_metric["revenue"].ranking)
        at.switch_page("app_pages/units.py").run()
        for code in PAGE_UNITS:
            at.selectbox(key="units.code").set_value(code).run()
            if at.get("toggle"):
                at.toggle(key="units.with_children").set_value(False).run()
            assert not at.exception, [e.value for e in at.exception]
            unit = model(conn, q, code, alone=True)
            figures = [unit.entity.metrics[m.code] for m in unit.metrics]
            got, want = cards(at, figures, "unit", unit.settings.pace)
            assert got == want, ("units", q, code)
            got, want = deltas(at, figures, "unit")
            assert got == want, ("units", q, code)
        at.toggle(key="units.with_children").set_value(True).run()  # 1102 with 1201 under it
        together = model(conn, q, "1102")
        figures = [together.entity.metrics[m.code] for m in together.metrics]
        got, want = cards(at, figures, "unit", together.settings.pace)
        assert got == want, ("units with children", q)
        at.toggle(key="units.with_children").set_value(False).run()


# --------------------------------------------------------------------------- the gap report


def test_the_gap_reports_headline_is_status_json_for_every_scope(
    conn: Connection, status_by_quarter: dict[int, dict[str, Any]]
) -> None:
    """Runs once ``dashboard.reports.model`` (h-report) is merged: the headline table's 本年累计 of the group
    and of every unit (with the units under it) equal ``status --json``'s to the yuan."""
    reports = pytest.importorskip("dashboard.reports.model")
    options = reports.ReportOptions(lang="zh", group_name="衡川集团", generated_at=datetime(2024, 1, 15, tzinfo=UTC))
    for q in QUARTERS:
        printed = status_by_quarter[q]
        listed = {u["code"]: u["metrics"] for u in printed["units"]}
        group = model(conn, q)
        for scope in (GROUP, *group.units):
            scoped = model(conn, q, scope)
            table = next(t for t in reports.build_report(scoped, options).tables("headline") if t.key == "headline")
            column = [c.key for c in table.columns].index("ytd_actual")
            assert len(table.rows) == len(scoped.metrics)
            for m, row in zip(scoped.metrics, table.rows, strict=True):
                if scope == GROUP:
                    expected = yuan(printed["metrics"][m.code]["ytd_actual"])
                else:
                    values = [listed[c][m.code]["ytd_actual"] for c in scoped.members if c in listed]
                    known = [Decimal(str(v)) for v in values if v is not None]
                    expected = yuan(sum(known, Decimal(0))) if known else None
                assert yuan(row[column]) == expected, (q, scope, m.code)


@pytest.mark.parametrize("q", QUARTERS)
def test_unit_gaps_and_the_named_remainders_add_up_to_every_scopes_gap(conn: Connection, q: int) -> None:
    """The gap waterfall of every scope (group, each unit with the units under it) sums to its headline gap."""
    group = model(conn, q)
    for scope in [GROUP, *sorted(group.units)]:
        for view in model(conn, q, scope).by_metric.values():
            if view.figures.gap is None:
                continue
            units = sum((c.amount for c in view.gap_contributions if c.amount is not None), Decimal(0))
            assert view.gap_unallocated is not None and view.gap_untargeted_ytd is not None
            assert units + view.gap_unallocated - view.gap_untargeted_ytd == view.figures.gap, (scope, view.code)

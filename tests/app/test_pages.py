"""Every page for every role, through the entry file: who sees what, and that the overview's numbers are the
command line's ``status --json``."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli import main
from dashboard.i18n import t
from dashboard.i18n.numbers import amount, points, rate
from tests.app.conftest import APP, kpi_blocks, kpi_values, texts

PAGES = Path(APP).parent / "app_pages"
CJK = re.compile(r"[\u4e00-\u9fff]")
ROLE_PAGES = {
    "executive": ["overview", "units", "trends"],
    "finance": ["overview", "units", "trends", "upload"],
    "admin": ["overview", "units", "trends", "upload", "targets", "accounts"],
}


def registered(at: AppTest) -> list[str]:
    return [Path(p["script_path"]).stem for p in at._registered_pages.values()]


@pytest.mark.parametrize("role", sorted(ROLE_PAGES))
def test_each_role_gets_its_pages_and_each_page_runs(app: Callable[..., AppTest], role: str) -> None:
    at = app(role)
    assert registered(at) == ROLE_PAGES[role]
    for page in ROLE_PAGES[role]:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
        assert at.title, page


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("executive", "upload"),
        ("executive", "targets"),
        ("finance", "targets"),
        ("finance", "accounts"),
        ("executive", "accounts"),
    ],
)
def test_a_page_outside_the_role_is_not_in_the_menu_nor_reachable(
    app: Callable[..., AppTest], role: str, page: str
) -> None:
    at = app(role)
    assert page not in registered(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(f"app_pages/{page}.py")


@pytest.mark.parametrize(("role", "page"), [("executive", "upload"), ("finance", "targets"), ("finance", "accounts")])
def test_the_page_itself_checks_the_role(db_url: str, role: str, page: str) -> None:
    """Run as its own script (as if the menu were bypassed): the page refuses before it shows anything."""
    from tests.app.conftest import ACCOUNTS

    at = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=60)
    at.session_state["auth.username"] = ACCOUNTS[role]
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and "无权" in at.error[0].value
    assert not at.title and not at.get("file_uploader") and not at.button


def test_signed_out_pages_refuse(db_url: str) -> None:
    at = AppTest.from_file(str(PAGES / "overview.py"), default_timeout=60).run()
    assert at.warning[0].value == "请先登录。" and not kpi_blocks(at)


def overview_numbers(at: AppTest) -> list[str]:
    return kpi_values(at)


def test_overview_numbers_are_status_json(
    app: Callable[..., AppTest], db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--year", "2023", "--json", "--db", db_url]) == 0
    report = json.loads(capsys.readouterr().out)
    at = app("executive")
    expected = []
    for metric in ("revenue", "profit"):
        m = report["metrics"][metric]

        def yuan(key: str, m: dict[str, object] = m) -> str:
            value = m[key]
            return amount(None if value is None else Decimal(str(value)), "zh", "group", with_unit=False)

        expected += [yuan("ytd_actual"), yuan("effective_target"), rate(m["completion_rate"])]
        met = m["gap"] is not None and Decimal(str(m["gap"])) <= 0  # met already: said in words, not −100 %
        growth = t("kpi.exceeded", "zh") if met else rate(m["required_growth_rest_of_year"])
        expected += [yuan("gap"), yuan("projection_linear"), growth]
    assert overview_numbers(at) == expected
    notes = [c.note for c in kpi_blocks(at)[0].cards]
    assert notes[0] == "同比 +" + rate(report["metrics"]["revenue"]["yoy_growth"])
    assert notes[2] == "较序时进度 " + points(report["metrics"]["revenue"]["progress_gap"], "zh")
    assert "2023 年经营目标完成情况" in texts(at)


def test_overview_as_of_another_quarter_follows_the_picker(
    app: Callable[..., AppTest], db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--year", "2023", "--as-of", "2023Q2", "--json", "--db", db_url]) == 0
    report = json.loads(capsys.readouterr().out)
    at = app("executive")
    at.sidebar.selectbox(key="view.quarter").set_value(2).run()
    revenue = report["metrics"]["revenue"]
    assert overview_numbers(at)[2] == rate(revenue["completion_rate"])
    assert overview_numbers(at)[0] == amount(Decimal(str(revenue["ytd_actual"])), "zh", with_unit=False)


def test_overview_in_english_has_no_chinese_but_unit_names(app: Callable[..., AppTest]) -> None:
    at = app("executive", "en")
    assert at.title[0].value == "2023 targets: where the group stands"
    cards = [f"{b.name} {b.badge} " + " ".join(c.text() for c in b.cards) for b in kpi_blocks(at)]
    labels = cards + [str(s.value) for s in at.subheader] + [c.value for c in at.main.caption]
    assert labels and not [x for x in labels if CJK.search(x)]
    assert "Amounts in RMB bn" in [c.value for c in at.main.caption]


def test_overview_shows_the_charts_and_the_units_list(app: Callable[..., AppTest]) -> None:
    at = app("executive")
    charts = at.get("plotly_chart")
    assert len(charts) == 5  # bullets, year path, quarters, waterfall, heat map
    units = at.dataframe[0].value
    assert len(units) == 15 and units.iloc[0]["状态"].endswith(("红灯", "黄灯"))  # the light; its reason beside it


def test_language_switch_keeps_the_page(app: Callable[..., AppTest]) -> None:
    at = app("finance")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception and at.title[0].value == "2023 targets: where the group stands"


def test_units_page_with_the_units_under_a_parent(app: Callable[..., AppTest]) -> None:
    at = app("executive", page="app_pages/units.py")
    at.selectbox(key="units.code").set_value("1102").run()
    alone = Decimal(overview_numbers(at)[0].replace(",", ""))
    at.toggle(key="units.with_children").set_value(True).run()
    assert not at.exception
    together = Decimal(overview_numbers(at)[0].replace(",", ""))
    assert together > alone  # 1201 (精密铸造) reports to 1102
    assert "含下属单位" in at.title[0].value and len(at.dataframe[0].value) == 2


def test_trends_page_shows_years_side_by_side(app: Callable[..., AppTest]) -> None:
    at = app("executive", page="app_pages/trends.py")
    table = at.table[0].value  # a table that shows every row (the grid hid 2023Q3/Q4) and wraps 重述
    assert {p[:4] for p in table["期间"]} == {"2021", "2022", "2023"} and len(table) == 12
    at.segmented_control(key="trends.view").set_value("qoq").run()
    assert not at.exception and at.get("plotly_chart")

"""The what-if panel on the Overview (the group) and the Units page (one unit), zh and en: the full year it gives
is the pure function's, a growth change changes it, and at Q4 it says nothing remains."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.analytics.whatif import projected_full_year
from dashboard.cli import main
from dashboard.i18n import t
from dashboard.i18n.numbers import amount, view_decimals

PAGES = {"overview": ("app_pages/overview.py", "group"), "units": ("app_pages/units.py", "unit")}


def panel(at: AppTest) -> list[str]:
    """The what-if's metric blocks (Markdown), one per metric."""
    return [str(m.value) for m in at.markdown if "全年预计" in str(m.value) or "Full year:" in str(m.value)]


def at_q2(app: Callable[..., AppTest], page: str, lang: str) -> AppTest:
    at = app("finance", lang, page=PAGES[page][0])
    at.sidebar.selectbox(key="view.quarter").set_value(2).run()
    if page == "units":
        at.selectbox(key="units.code").set_value("1101").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def status(db_url: str, capsys: pytest.CaptureFixture[str], unit: str | None) -> dict[str, object]:
    assert main(["status", "--year", "2023", "--as-of", "2023Q2", "--json", "--db", db_url]) == 0
    report = json.loads(capsys.readouterr().out)
    if unit is None:
        return dict(report["metrics"]["revenue"])
    return dict(next(u for u in report["units"] if u["code"] == unit)["metrics"]["revenue"])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["overview", "units"])
def test_growth_changes_the_full_year(
    app: Callable[..., AppTest], db_url: str, capsys: pytest.CaptureFixture[str], page: str, lang: str
) -> None:
    at = at_q2(app, page, lang)
    assert t("whatif.title", lang) in [str(m.value).strip("*") for m in at.markdown]
    key = f"whatif.growth.{page}"
    # it starts at the scope's growth floor: the group's 5 %; the demo's unit targets are amounts only
    assert at.number_input(key=key).value == (5.0 if page == "overview" else 0.0)
    before = panel(at)
    assert len(before) == 2  # revenue and profit
    at.number_input(key=key).set_value(20.0).run()
    after = panel(at)
    assert after != before and not at.exception
    m = status(db_url, capsys, None if page == "overview" else "1101")
    level = "yi" if page == "overview" else "wan"

    def dec(k: str) -> Decimal:
        return Decimal(str(m[k]))

    full = projected_full_year(dec("ytd_actual"), dec("prior_ytd"), dec("base"), 0.2, 2)
    assert full is not None
    places = view_decimals([full, dec("effective_target")], level, lang)
    assert t("whatif.full_year", lang, amount=amount(full, lang, level, places)) in after[0]
    met = full >= dec("effective_target")
    assert ("✓" if met else "✗") in after[0] and (t("whatif.met", lang, amount="") if met else "") in after[0]
    word = "恰好达标所需增速" if lang == "zh" else "Growth that exactly meets it"
    assert word in after[0] or t("whatif.already", lang) in after[0]


def test_q4_says_nothing_remains(app: Callable[..., AppTest]) -> None:
    at = app("executive", "en")  # the latest period: 2023 Q4
    assert t("whatif.year_end", "en") in [i.value for i in at.info]
    assert not panel(at)

"""The what-if panel on the Overview (the group) and the Units page (one unit), zh and en: the full year it gives
is the pure function's, a growth change changes it, and at Q4 it says nothing remains."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from dashboard.analytics.whatif import projected_full_year
from dashboard.cli import main
from dashboard.i18n import t
from dashboard.i18n.numbers import amount, view_decimals
from dashboard.storage.engine import open_database
from dashboard.storage.tables import metrics, targets

PAGES = {"overview": ("app_pages/overview.py", "group"), "units": ("app_pages/units.py", "unit")}
KEYS = {"overview": "whatif.growth.overview.group.2023", "units": "whatif.growth.units.1101.2023"}


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
    key = KEYS[page]
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


def test_each_unit_keeps_its_own_growth(app: Callable[..., AppTest], db_url: str) -> None:
    """The growth typed for one unit neither carries over to the next unit visited nor is lost on coming back; a
    unit with a growth floor starts from its own floor."""
    with open_database(db_url).begin() as conn:  # unit 1102's revenue and profit targets: a 7 % growth floor
        conn.execute(update(targets).where(targets.c.unit_code == "1102").values(growth_floor=Decimal("0.07")))
    at = at_q2(app, "units", "en")
    at.number_input(key=KEYS["units"]).set_value(20.0).run()
    at.selectbox(key="units.code").set_value("1102").run()
    assert not at.exception and at.number_input(key="whatif.growth.units.1102.2023").value == 7.0
    at.selectbox(key="units.code").set_value("1101").run()
    assert at.number_input(key=KEYS["units"]).value == 20.0


def test_the_metric_name_is_shown_as_text(app: Callable[..., AppTest], db_url: str) -> None:
    """A configured metric name is stored text: Markdown in it is shown as typed, not as a link or emphasis."""
    with open_database(db_url).begin() as conn:
        conn.execute(update(metrics).where(metrics.c.code == "revenue").values(name_en="Revenue *[core](x)*"))
    at = at_q2(app, "overview", "en")
    [block, _] = panel(at)
    assert block.startswith("**Revenue \\*\\[core\\]\\(x\\)\\***"), block


def test_q4_says_nothing_remains(app: Callable[..., AppTest]) -> None:
    at = app("executive", "en")  # the latest period: 2023 Q4
    assert t("whatif.year_end", "en") in [i.value for i in at.info]
    assert not panel(at)

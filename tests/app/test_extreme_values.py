"""Rendering never raises on a stored value: the largest amount the reader allows, and values stored before the
bound existed (1E+30, 1E+308, 1E-30), render on every page for an admin and in ``status`` text and JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli import main
from dashboard.domain import Period
from dashboard.ingest.budget import AMOUNT_PLACES, MAX_AMOUNT_EXPONENT
from dashboard.storage import repository
from dashboard.storage.engine import open_database, writing
from tests.app.conftest import kpi_values

LARGEST = Decimal("9" * MAX_AMOUNT_EXPONENT + "." + "9" * AMOUNT_PLACES)  # yuan: the largest the reader takes
PAGES = ("overview", "units", "trends", "upload", "targets", "accounts")


def store(url: str, value: Decimal, target: Decimal | None = None) -> None:
    """One unit's and the group's figures at ``value`` and targets at ``target`` (default: the same; negative
    profit), as a legacy database might hold them: straight through the repository, past the reader."""
    target = value if target is None else target
    engine = open_database(url)
    with writing(engine) as conn:
        upload = repository.log_upload(conn, repository.UploadEntry("import", "stored", "test", filename="x.xlsx"))
        repository.add_figure_versions(
            conn,
            upload,
            [
                repository.NewFigure("1101", Period(2023, 4), "revenue", value, value, "ytd"),
                repository.NewFigure("1101", Period(2023, 4), "profit", -value, value, "ytd"),
                repository.NewFigure("1102", Period(2023, 3), "revenue", value, -value, "ytd"),
            ],
        )
        for unit in ("", "1101"):
            for metric, amount in (("revenue", target), ("profit", -target)):
                repository.add_target_version(
                    conn,
                    year=2023,
                    metric=metric,
                    unit_code=unit,
                    amount=amount,
                    growth_floor=None,
                    base_amount=None,
                    set_by="test",
                    reason="bound",
                )
    engine.dispose()


VALUES = {
    "largest": (LARGEST, None),
    "largest negative": (-LARGEST, None),
    "legacy 1E+30": (Decimal("1E+30"), None),
    "legacy 1E+308": (Decimal("1E+308"), None),
    "legacy 1E-30": (Decimal("1E-30"), None),
    "1E+308 against a 1E-30 target": (Decimal("1E+308"), Decimal("1E-30")),  # completion beyond a double
}


@pytest.mark.parametrize("case", list(VALUES))
def test_every_page_renders(app: Callable[..., AppTest], db_url: str, case: str) -> None:
    store(db_url, *VALUES[case])
    for lang in ("zh", "en"):
        at = app("admin", lang)
        for page in PAGES:
            at.switch_page(f"app_pages/{page}.py").run()
            assert not at.exception, (case, lang, page, [e.value for e in at.exception])
            assert not at.error, (case, lang, page, [e.value for e in at.error])
            assert at.title, page


def test_the_largest_value_is_shown_in_digits(app: Callable[..., AppTest], db_url: str) -> None:
    store(db_url, LARGEST)
    at = app("admin", page="app_pages/units.py")
    at.selectbox(key="units.code").set_value("1101").run()
    assert kpi_values(at)[0] == "100,000,000,000.00"  # 万元, rounded half-up


@pytest.mark.parametrize("case", list(VALUES))
def test_status_text_and_json(db_url: str, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    store(db_url, *VALUES[case])
    for lang in ("zh", "en"):
        assert main(["status", "--year", "2023", "--db", db_url, "--lang", lang]) == 0
    assert main(["status", "--year", "2023", "--json", "--db", db_url]) == 0
    out, err = capsys.readouterr()
    report = json.loads(out[out.rindex("\n{") :])
    assert "Traceback" not in err and "NaN" not in out and "Infinity" not in out
    unit = next(u for u in report["units"] if u["code"] == "1101")
    shown = unit["metrics"]["revenue"]["ytd_actual"]
    assert shown is None or shown == pytest.approx(float(VALUES[case][0]))

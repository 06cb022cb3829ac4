"""``status`` text and JSON on both databases never raise on a stored value: the largest amount the reader
allows and values stored before that bound existed, written straight through the repository."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from dashboard.cli import main
from dashboard.domain import Period
from dashboard.ingest.budget import AMOUNT_PLACES, MAX_AMOUNT_EXPONENT
from dashboard.storage import repository
from dashboard.storage.engine import open_database, writing

LARGEST = Decimal("9" * MAX_AMOUNT_EXPONENT + "." + "9" * AMOUNT_PLACES)  # yuan: the largest the reader takes
VALUES = [LARGEST, -LARGEST, Decimal("1E+30"), Decimal("-1E+30"), Decimal("1E+308"), Decimal("1E-30")]


def store(url: str, value: Decimal) -> None:
    engine = open_database(url)
    with writing(engine) as conn:
        repository.save_units(
            conn, [repository.NewUnit(code, f"单位{code}", "", "", "member") for code in ("1001", "1002")]
        )
        upload = repository.log_upload(conn, repository.UploadEntry("import", "stored", "test", filename="x.xlsx"))
        figures = [
            repository.NewFigure(code, Period(year, q), metric, amount, amount, "ytd")
            for code, amount in (("1001", value), ("1002", Decimal("12.5")))
            for year in (2022, 2023)
            for q in (1, 2)
            for metric in ("revenue", "profit")
        ]
        repository.add_figure_versions(conn, upload, figures)
        for unit in ("", "1001"):
            for metric in ("revenue", "profit"):
                repository.add_target_version(
                    conn,
                    year=2023,
                    metric=metric,
                    unit_code=unit,
                    amount=value,
                    growth_floor=Decimal("0.05"),
                    base_amount=None,
                    set_by="test",
                    reason="bound",
                )
    engine.dispose()


@pytest.mark.parametrize("value", VALUES, ids=str)
def test_status_never_raises(db_url: str, value: Decimal, capsys: pytest.CaptureFixture[str]) -> None:
    store(db_url, value)
    for lang in ("zh", "en"):
        assert main(["status", "--year", "2023", "--db", db_url, "--lang", lang]) == 0
    text, err = capsys.readouterr()
    assert "Traceback" not in err and "单位1001" in text
    assert main(["status", "--year", "2023", "--as-of", "2023Q1", "--json", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "NaN" not in out and "Infinity" not in out
    report = json.loads(out)
    unit = next(u for u in report["units"] if u["code"] == "1001")
    assert unit["metrics"]["revenue"]["ytd_actual"] == pytest.approx(float(value))

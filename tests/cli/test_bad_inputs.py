"""The issue's bar: every bad workbook exits 2 with a message naming where, and no stored figure changes."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from dashboard.cli import main
from dashboard.domain import Period
from dashboard.storage.engine import open_database, writing
from dashboard.storage.repository import lock_period
from dashboard.storage.tables import figures
from tests.workbooks import HEADER, TOTAL, UNITS, encrypted_xlsx, flash, real_xls


def with_cell(row: int, col: int, value: object) -> bytes:
    rows = [list(r) for r in UNITS]
    rows[row][col] = value
    return flash(rows=[*rows, TOTAL])


CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    # name: (workbook, what the message must name)
    "empty file": (lambda: b"", "bad.xlsx"),
    "random bytes": (lambda: random.Random(3).randbytes(3000), "bad.xlsx"),
    ".xls renamed .xlsx": (real_xls, "bad.xlsx"),
    "encrypted workbook": (encrypted_xlsx, "bad.xlsx"),
    "missing columns": (lambda: flash(header=HEADER[:4], rows=[r[:4] for r in UNITS]), "快报!3:3"),
    "unknown period": (lambda: flash(meta=[["报告期：下半年", "金额单位：万元"]]), "快报!A2"),
    "unknown amount unit": (lambda: flash(meta=[["报告期：2023Q2", "金额单位：万美元"]]), "快报!B2"),
    "no amount unit": (lambda: flash(meta=[["报告期：2023Q2"]]), "快报"),
    "conflicting periods": (lambda: flash(meta=[["报告期：2023Q2", "期间：2023Q3", "金额单位：万元"]]), "快报!B2"),
    "duplicate unit codes": (lambda: flash(rows=[*UNITS, ["1001", "集团本部", 1, 1, 1, 1]]), "快报!A7"),
    "non-numeric value": (lambda: with_cell(1, 2, "两千"), "快报!C5"),
    "formula without cached value": (lambda: with_cell(0, 4, "=E5*2"), "快报!E4"),
    "error cell": (lambda: with_cell(2, 3, "#VALUE!"), "快报!D6"),
    "locked period": (lambda: with_cell(1, 2, 2100.25), "2023Q2"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_workbook(case: str, lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path}/bar.db"
    good = tmp_path / "good.xlsx"
    good.write_bytes(flash())
    assert main(["import", str(good), "--db", url]) == 0
    engine = open_database(url)
    if case == "locked period":
        with writing(engine) as conn:
            lock_period(conn, Period(2023, 2), "admin", "closed")
    with engine.connect() as conn:
        before = [tuple(r) for r in conn.execute(select(figures).order_by(figures.c.id))]
    capsys.readouterr()

    build, place = CASES[case]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(build())
    code = main(["import", str(bad), "--db", url, "--lang", lang])
    out, err = capsys.readouterr()

    assert code == 2
    assert place in err, err
    assert ("错误" if lang == "zh" else "Error") in err and "Traceback" not in err + out
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(select(figures).order_by(figures.c.id))] == before

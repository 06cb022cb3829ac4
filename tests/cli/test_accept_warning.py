"""The bar of issue 11's scale check: a workbook in which one unit's figures are typed in yuan while the file says
万元. ``import --dry-run`` names that unit and ``amount_scale_suspect`` (exit 0); ``import`` without the
acknowledgement exits 2 and stores nothing; with ``--accept-warning amount_scale_suspect`` it stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard.cli import main
from dashboard.storage.engine import open_database
from dashboard.storage.tables import metadata
from tests.workbooks import flash

Q1 = [["1101", "机电装备有限公司", 1000, 900, 50, 40], ["1102", "精密制造有限公司", 2000, 1800, 80, 70]]
# Q2: 1101 honest (+30 % on Q1's pace); 1102 typed in yuan (52,000,000 元 = 5,200 万元) in a 万元 workbook
Q2_YUAN = [
    ["1101", "机电装备有限公司", 2600, 2000, 130, 90],
    ["1102", "精密制造有限公司", 52_000_000, 37_000_000, 2_080_000, 1_500_000],
]


def workbook(tmp_path: Path, name: str, rows: list[list[object]], period: str) -> str:
    path = tmp_path / name
    path.write_bytes(flash(rows, meta=[[f"报告期：{period}", None, "金额单位：万元"]], title=None))
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def counts(db: str) -> dict[str, int]:
    with open_database(db).connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in metadata.sorted_tables}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_yuan_typed_in_a_wan_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    db = f"sqlite:///{tmp_path}/cli.db"
    assert run(capsys, "import", workbook(tmp_path, "q1.xlsx", Q1, "2023Q1"), "--db", db)[0] == 0
    q2 = workbook(tmp_path, "q2.xlsx", Q2_YUAN, "2023Q2")
    before = counts(db)

    code, out, err = run(capsys, "import", q2, "--dry-run", "--db", db, "--lang", lang)
    assert code == 0, err
    flagged = [line for line in out.splitlines() if "amount_scale_suspect" in line]
    assert len(flagged) == 2 and all("1102" in line for line in flagged)  # revenue and profit of unit 1102
    assert not any("1101" in line for line in flagged)
    said = "约为比较数的10,000倍" if lang == "zh" else "about 10,000 times what it was compared with"
    assert all(said in line for line in flagged)
    assert ("上季度累计按季折算 4,000.00" if lang == "zh" else "previous quarter's YTD pro rata 4,000.00") in flagged[0]
    assert "q2.xlsx · 快报!C4" in flagged[0] and "q2.xlsx · 快报!E4" in flagged[1]
    assert counts(db) == before

    code, out, err = run(capsys, "import", q2, "--db", db, "--lang", lang)
    assert code == 2 and "--accept-warning amount_scale_suspect" in err
    assert ("未存入任何数据" if lang == "zh" else "Nothing was stored") in err
    assert counts(db) == before  # nothing stored, not even a log line

    code, out, err = run(capsys, "import", q2, "--accept-warning", "amount_scale_suspect", "--db", db, "--lang", lang)
    assert code == 0, err
    assert ("已存为上传 #2" if lang == "zh" else "Stored as upload #2") in out
    after = counts(db)
    assert after["figures"] == before["figures"] + 4 and after["uploads"] == before["uploads"] + 1


def test_accepting_another_warning_is_not_enough(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path}/cli.db"
    run(capsys, "import", workbook(tmp_path, "q1.xlsx", Q1, "2023Q1"), "--db", db)
    before = counts(db)
    q2 = workbook(tmp_path, "q2.xlsx", Q2_YUAN, "2023Q2")
    code, _, err = run(capsys, "import", q2, "--accept-warning", "restated_prior", "--db", db, "--lang", "en")
    assert code == 2 and "amount_scale_suspect" in err and counts(db) == before

"""Everything the command line prints has the control characters of names, file names, users and reasons
escaped: no ANSI escape sequence, carriage return, bidi override or extra line reaches the terminal. The hostile
texts are stored straight through the repository, as a database from before the reader refused them might hold."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.domain import FigureKind, MetricDef, Period
from dashboard.storage import repository
from dashboard.storage.engine import open_database, writing

HOSTILE = "\x1b[2J\x1b[31mEvil\rCorp\nFAKE LINE\t\u202etxt.exe\x07\x9b"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def store(url: str) -> None:
    engine = open_database(url)
    with writing(engine) as conn:
        repository.save_units(
            conn,
            [
                repository.NewUnit("1001", "集团本部", "HQ", "", "headquarters"),
                repository.NewUnit("1002", HOSTILE, HOSTILE, "", "member"),
            ],
        )
        upload = repository.log_upload(
            conn,
            repository.UploadEntry(
                "import", "stored", HOSTILE, filename=f"q2{HOSTILE}.xlsx", periods=[Period(2023, 2)], figure_count=4
            ),
        )
        repository.add_figure_versions(
            conn,
            upload,
            [
                repository.NewFigure(code, Period(2023, 2), metric, Decimal(100), Decimal(90), "ytd", HOSTILE)
                for code in ("1001", "1002")
                for metric in ("revenue", "profit")
            ],
        )
        for unit in ("", "1002"):
            repository.add_target_version(
                conn,
                year=2023,
                metric="revenue",
                unit_code=unit,
                amount=Decimal(300),
                growth_floor=None,
                base_amount=None,
                set_by=HOSTILE,
                reason=HOSTILE,
            )
        repository.add_user(
            conn, username="evil", display_name=HOSTILE, email=None, role="finance", password_hash=None, by="t"
        )
        metric = MetricDef("cash", HOSTILE, HOSTILE, {FigureKind.YTD: (HOSTILE,)}, required=False)
        repository.add_metric(conn, metric, 9, "t")
        repository.add_variance_comment(  # issue 9
            conn,
            unit_code="1002",
            metric="revenue",
            period=Period(2023, 2),
            comment=HOSTILE,
            measures=HOSTILE,
            written_by=HOSTILE,
        )
    engine.dispose()


COMMANDS = [
    ["status", "--year", "2023"],
    ["history"],
    ["history", "--unit", "1002"],
    ["targets", "show", "--year", "2023"],
    ["users", "list"],
    ["metrics", "list"],
    ["comment", "list", "--period", "2023Q2"],
    ["comment", "history", "--unit", "1002", "--metric", "revenue", "--period", "2023Q2"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_control_character_reaches_the_terminal(
    db_url: str, argv: list[str], lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store(db_url)
    capsys.readouterr()
    assert main([*argv, "--db", db_url, "--lang", lang]) == 0
    out, err = capsys.readouterr()
    assert not RAW.findall(out + err), RAW.findall(out + err)
    assert "FAKE LINE" not in "".join(line[:9] for line in out.splitlines())  # never at the start of a line
    assert "\\x1b[" in out  # shown, escaped, rather than dropped


def test_status_json_stays_valid_and_exact(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    store(db_url)
    capsys.readouterr()
    assert main(["status", "--year", "2023", "--json", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert not RAW.findall(out)
    names = [u["name"] for u in json.loads(out)["units"]]
    assert HOSTILE in names  # escaped in JSON's own way: a program reading it gets the name as stored


def test_an_imported_file_name_with_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.workbooks import flash

    name = tmp_path / "q2\x1b[31m\nFAKE.xlsx"
    name.write_bytes(flash())
    url = f"sqlite:///{tmp_path}/t.db"
    for argv in (["import", str(name), "--dry-run"], ["import", str(name)], ["history"], ["import", str(name)]):
        main([*argv, "--db", url])
        out, err = capsys.readouterr()
        assert not RAW.findall(out + err) and "\nFAKE" not in out + err, (argv, out, err)


def test_comment_json_stays_valid_and_exact(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    store(db_url)
    capsys.readouterr()
    assert main(["comment", "list", "--period", "2023Q2", "--json", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert not RAW.findall(out)
    [row] = json.loads(out)
    assert row["comment"] == row["measures"] == row["written_by"] == row["unit_name"] == HOSTILE

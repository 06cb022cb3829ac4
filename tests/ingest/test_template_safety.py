"""Text from a file or a person is written into the template as text, never as a live formula: unit codes and
names (``--with-units``, the Upload page's download), metric names and header aliases. Only our own 合计 row
holds formulas."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl

from dashboard.cli import main
from dashboard.domain import DEFAULT_METRICS, FigureKind, MetricDef
from dashboard.ingest.template import DATA_SHEET, INSTRUCTIONS_SHEET, build_template
from dashboard.storage import repository
from dashboard.storage.engine import open_database, writing

HOSTILE = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","y")']
UNITS = [(f"C{i}", name, "") for i, name in enumerate(HOSTILE)] + [("=1+1", "本部", "@A1")]
METRIC = MetricDef("cash", "=现金", "=Cash", {FigureKind.YTD: ("=A1*2",)}, required=False)


def formulas(data: bytes) -> dict[str, list[str]]:
    """Every <f> element of every worksheet part."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {
            name: re.findall(r"<f>(.*?)</f>", z.read(name).decode())
            for name in z.namelist()
            if name.startswith("xl/worksheets/")
        }


def test_hostile_units_and_metrics_are_text() -> None:
    data = build_template((*DEFAULT_METRICS, METRIC), UNITS)
    found = [f for part in formulas(data).values() for f in part]
    assert found and all(re.fullmatch(r"SUM\([A-Z]+\d+:[A-Z]+\d+\)", f) for f in found), found
    wb = openpyxl.load_workbook(io.BytesIO(data))
    texts = {c.value for ws in (wb[DATA_SHEET], wb[INSTRUCTIONS_SHEET]) for row in ws.iter_rows() for c in row}
    for value in [*HOSTILE, "=1+1", "@A1", "=A1*2"]:
        assert value in texts, value
    for ws in (wb[DATA_SHEET], wb[INSTRUCTIONS_SHEET]):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and not cell.value.startswith("=SUM("):
                    assert cell.data_type == "s", (cell.coordinate, cell.value)


def test_the_template_command_with_units(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/t.db"
    engine = open_database(url)
    with writing(engine) as conn:
        repository.save_units(conn, [repository.NewUnit(c, n, "", p, "member") for c, n, p in UNITS])
    engine.dispose()
    out = tmp_path / "template.xlsx"
    assert main(["template", "-o", str(out), "--with-units", "--db", url]) == 0
    found = [f for part in formulas(out.read_bytes()).values() for f in part]
    assert found and all(f.startswith("SUM(") for f in found), found
    ws = openpyxl.load_workbook(out)[DATA_SHEET]
    assert HOSTILE[0] in [c.value for row in ws.iter_rows() for c in row]

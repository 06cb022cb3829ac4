"""The upload preview of a file with a figure that looks typed in the wrong amount unit: the warning names the unit,
the cell and the code, and the confirm button stays disabled until the acknowledgement is ticked; then it stores."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_upload import ROWS, click, figure_count, q1_2024, upload

# Unit 1102's 2024Q1 figures typed in yuan in a 万元 workbook: 10⁴ times last year's same quarter
YUAN_ROWS = [ROWS[0], ["1102", "衡川精密制造有限公司", 1_400_000_000, 1_300_000_000, 45_000_000, 40_000_000]]
WORDS = {
    "zh": ("检查并预览", "确认导入", "疑似金额单位错误", "已存入"),
    "en": ("Check and preview", "Confirm and store", "Amount unit looks wrong", "Stored"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scale_warning_needs_the_checkbox(app: Callable[..., AppTest], db_url: str, lang: str) -> None:
    check, confirm, warned, stored = WORDS[lang]
    before = figure_count(db_url)
    at = app("finance", lang, page="app_pages/upload.py")
    upload(at, "2024Q1快报.xlsx", q1_2024(YUAN_ROWS))
    click(at, check)
    assert not at.error
    tables = [" ".join(str(v) for v in t.value.to_numpy().ravel()).replace("\\", "") for t in at.table]  # \ escapes
    [shown] = [t for t in tables if "amount_scale_suspect" in t]  # the warnings table (the page has others)
    assert warned in shown and "1102" in shown
    [box] = [c for c in at.checkbox if "amount_scale_suspect" in c.label]
    button = next(b for b in at.button if b.label == confirm)
    assert button.disabled and not box.value
    box.check().run()
    button = next(b for b in at.button if b.label == confirm)
    assert not button.disabled
    click(at, confirm)
    assert at.success and at.success[0].value.startswith(stored), [s.value for s in at.success]
    assert figure_count(db_url) == before + 4


def test_honest_file_has_no_checkbox(app: Callable[..., AppTest]) -> None:
    at = app("finance", "zh", page="app_pages/upload.py")
    upload(at, "2024Q1快报.xlsx", q1_2024())
    click(at, "检查并预览")
    assert not [c for c in at.checkbox if "amount_scale_suspect" in c.label]
    assert not next(b for b in at.button if b.label == "确认导入").disabled

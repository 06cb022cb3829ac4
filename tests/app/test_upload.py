"""Finance uploads a real workbook: the check, the preview of changes, the confirmation, the history and
revert; a bad workbook gets its problem table and changes nothing; a locked period is refused."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from dashboard.domain import Period
from dashboard.storage import queries, repository
from dashboard.storage.engine import open_database, writing
from dashboard.storage.tables import figures
from dashboard.ui.widgets import plain
from tests.workbooks import HEADER, flash

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS = [
    ["1101", "衡川机电装备有限公司", 180000, 170000, 6000, 5500],
    ["1102", "衡川精密制造有限公司", 140000, 130000, 4500, 4000],
]


def q1_2024(rows: list[list[object]] = ROWS, title: str = "2024年第一季度经营快报") -> bytes:
    return flash(rows, title=title, meta=[["报告期：2024Q1", None, "金额单位：万元"]], header=HEADER)


def figure_count(url: str) -> int:
    with open_database(url).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(figures)).scalar_one())


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.get("file_uploader")[0].set_value((name, data, XLSX))
    return at.run()


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_upload_check_preview_confirm(app: Callable[..., AppTest], db_url: str) -> None:
    before = figure_count(db_url)
    at = app("finance", page="app_pages/upload.py")
    assert at.get("download_button")  # the template
    upload(at, "2024Q1快报.xlsx", q1_2024())
    click(at, "检查并预览")
    assert not at.error
    preview = at.table[0].value
    assert len(preview) == 4 and set(preview["变化"]) == {"新增"}  # 2 units × 2 metrics, all new
    assert preview["新本年累计（万元）"].iloc[0] == "180,000"  # the workbook's own unit, not 1,800,000,000 yuan
    assert "本文件：新增 4、修改 0、未变 0（共 4 个数据）。" in [c.value for c in at.caption]
    click(at, "确认导入")
    assert at.success[0].value.startswith("已存入") and figure_count(db_url) == before + 4
    assert "新增 4、修改 0、未变 0（共 4 个数据）" in at.success[0].value
    with open_database(db_url).connect() as conn:
        stored = queries.current_figures(conn, [Period(2024, 1)])
    assert stored[("1101", Period(2024, 1), "revenue")].ytd == 1_800_000_000
    log = at.table[-1].value
    # st.table draws cells as Markdown: stored text is escaped (the page shows 2024Q1快报.xlsx)
    assert log.iloc[0]["文件"] == plain("2024Q1快报.xlsx") and log.iloc[0]["结果"] == "已存入"
    assert log.iloc[0]["变化"] == "新增 4、修改 0、未变 0" and log.iloc[0]["数据个数"] == 4


def test_bad_workbook_shows_every_problem_with_its_cell_and_stores_nothing(
    app: Callable[..., AppTest], db_url: str
) -> None:
    before = figure_count(db_url)
    at = app("finance", page="app_pages/upload.py")
    bad = [["1101", "衡川机电装备有限公司", "18万", 170000, 6000, 5500], ROWS[1]]
    upload(at, "坏文件.xlsx", q1_2024(bad))
    click(at, "检查并预览")
    assert at.error[0].value.startswith("未存入任何数据")
    problems = at.table[0].value  # a table that wraps: "问题与处理办法" is shown whole
    row = problems.iloc[0]
    assert (row["级别"], row["工作表"], row["单元格"], row["读到的内容"]) == ("错误", "快报", "C4", "18万")
    assert "不是数字" in row["问题与处理办法"] or "数字" in row["问题与处理办法"]
    assert not [b for b in at.button if b.label == "确认导入"]
    assert figure_count(db_url) == before
    with open_database(db_url).connect() as conn:
        assert queries.upload_log(conn, limit=1)[0].outcome == "rejected"  # the attempt is on record


def test_problem_table_in_english(app: Callable[..., AppTest]) -> None:
    at = app("finance", "en", page="app_pages/upload.py")
    upload(at, "bad.xlsx", q1_2024([["1101", "x", "12a", 1, 1, 1]]))
    click(at, "Check and preview")
    problems = at.table[0].value
    assert list(problems.columns)[:4] == ["Severity", "File", "Sheet", "Cell"]
    assert problems.iloc[0]["Cell"] == "C4" and "Remove the note marker" in problems.iloc[0]["Problem and what to do"]


def test_a_locked_period_is_refused(app: Callable[..., AppTest], db_url: str) -> None:
    with writing(open_database(db_url)) as conn:
        repository.lock_period(conn, Period(2024, 1), "admin", "2024年一季度已结账")
    at = app("finance", page="app_pages/upload.py")
    upload(at, "2024Q1快报.xlsx", q1_2024())
    click(at, "检查并预览")
    problems = at.table[0].value
    locked = problems[problems["级别"] == "错误"].iloc[0]["问题与处理办法"]
    assert "2024Q1" in locked and "admin" in locked
    locks = next(t.value for t in at.table if "锁定人" in t.value.columns)  # the locks list
    assert locks.iloc[0]["原因"] == "2024年一季度已结账"


def test_revert_from_the_history(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("finance", page="app_pages/upload.py")
    at.selectbox(key="upload.revert_id").set_value(1).run()
    click(at, "恢复")
    assert not at.error  # the sample's first upload is current already, or is made current again
    assert at.success or at.info


def test_a_stale_preview_is_refused(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("finance", page="app_pages/upload.py")
    upload(at, "2024Q1快报.xlsx", q1_2024())
    click(at, "检查并预览")
    other = q1_2024([["1103", "衡川光电科技有限公司", 1, 1, 1, 1]])
    from dashboard.auth.roles import Actor
    from dashboard.imports import import_files
    from dashboard.ingest import ReadOptions

    accepted = frozenset({"amount_scale_suspect"})  # 1 万元 against last year's figures: acknowledged
    assert import_files(
        open_database(db_url),
        [("other.xlsx", other)],
        ReadOptions(),
        Actor("someone.else", "finance"),
        accepted=accepted,
    ).stored
    before = figure_count(db_url)
    click(at, "确认导入")
    assert "预览之后数据已更新，请重新预览。" in [w.value for w in at.warning] and figure_count(db_url) == before


def test_rechecking_a_bad_file_adds_one_rejected_row(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("finance", page="app_pages/upload.py")
    upload(at, "坏文件.xlsx", q1_2024([["1101", "x", "18万", 1, 1, 1]]))
    click(at, "检查并预览")
    click(at, "检查并预览")  # the same uploaded bytes, checked again
    with open_database(db_url).connect() as conn:
        assert [r.outcome for r in queries.upload_log(conn, limit=2)].count("rejected") == 1


def test_a_duplicate_offers_revert_and_no_confirm(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("finance", page="app_pages/upload.py")
    data = q1_2024()
    upload(at, "2024Q1快报.xlsx", data)
    click(at, "检查并预览")
    click(at, "确认导入")
    upload(at, "2024Q1快报.xlsx", data)  # the same bytes again
    click(at, "检查并预览")
    notice = " ".join(i.value for i in at.info)
    assert "已于" in notice and "revert" not in notice
    assert not [b for b in at.button if b.label == "确认导入"]  # nothing to import: no confirm for a no-op
    (revert,) = [b for b in at.button if b.label.startswith("恢复上传 #")]
    revert.click().run()
    assert not at.exception and not at.error and (at.info or at.success)


def test_counts_say_what_changed(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("finance", page="app_pages/upload.py")
    upload(at, "2024Q1快报.xlsx", q1_2024())
    click(at, "检查并预览")
    click(at, "确认导入")
    changed = [ROWS[0], ["1102", "衡川精密制造有限公司", 140001, 130000, 4500, 4000]]
    upload(at, "2024Q1快报（更正）.xlsx", q1_2024(changed))
    click(at, "检查并预览")
    assert "本文件：新增 0、修改 1、未变 3（共 4 个数据）。" in [c.value for c in at.caption]
    click(at, "确认导入")
    assert "新增 0、修改 1、未变 3（共 4 个数据）" in at.success[0].value and "共 4 个数据。" not in at.success[0].value
    assert at.table[-1].value.iloc[0]["变化"] == "新增 0、修改 1、未变 3"


def test_the_file_picker_speaks_the_pages_language(app: Callable[..., AppTest]) -> None:
    styles = " ".join(h.proto.body for h in app("finance", page="app_pages/upload.py").get("html"))
    assert "选择文件" in styles and "每个文件不超过 50MB" in styles and ".st-key-upload-files" in styles
    english = " ".join(h.proto.body for h in app("finance", "en", page="app_pages/upload.py").get("html"))
    assert ".st-key-upload-files" not in english  # Streamlit's own English stays


def test_a_resaved_file_with_the_same_figures_offers_no_confirm(app: Callable[..., AppTest]) -> None:
    at = app("finance", page="app_pages/upload.py")
    upload(at, "2024Q1快报.xlsx", q1_2024())
    click(at, "检查并预览")
    click(at, "确认导入")
    upload(at, "2024Q1快报（另存）.xlsx", q1_2024(title="2024年第一季度经营快报（另存）"))  # other bytes, same figures
    click(at, "检查并预览")
    assert "这些文件与已存数据相同，无需导入。" in [i.value for i in at.info]
    assert not [b for b in at.button if b.label == "确认导入"]

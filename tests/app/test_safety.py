"""No user- or file-derived text reaches raw HTML unescaped: the raw HTML in the app is the entry file's own style
and the headline cards (``dashboard/ui/cards.py``), which escape every text they hold."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "dashboard"


def raw_html_calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            unsafe = any(k.arg == "unsafe_allow_html" for k in node.keywords)
            if unsafe or name.endswith(("st.html", "components.html", "components.iframe", "declare_component")):
                found.append((str(path.relative_to(PACKAGE)), node))
    return found


def test_the_only_raw_html_is_constant_style_sheets_generated_css_and_the_escaped_cards() -> None:
    """The entry file's style and the units breakdown's (which of the heat map and the phone's ranked list a
    screen width shows), each a module constant without script; ui/grids.style_sheet: CSS built by the package,
    every text in it quoted by css_string (the file picker's texts in Chinese, tables as cards on a phone);
    ui/widgets: the headline cards, every text escaped by ui/cards (tests below)."""
    calls = raw_html_calls()
    assert sorted((path, ast.unparse(call)) for path, call in calls) == [
        ("app.py", "st.html(STYLE)"),
        ("ui/breakdown.py", "st.html(_CSS)"),
        ("ui/grids.py", "st.html(f'<style>{css}</style>')"),
        ("ui/widgets.py", "st.html(headline_html(name, m, form))"),
    ]
    for path, name in (("app.py", "STYLE"), ("ui/breakdown.py", "_CSS")):
        tree = ast.parse((PACKAGE / path).read_text(encoding="utf-8"))
        style = next(
            n for n in tree.body if isinstance(n, ast.Assign) and any(ast.unparse(t) == name for t in n.targets)
        )
        assert isinstance(style.value, ast.Constant) and isinstance(style.value.value, str)
        assert "<style" in style.value.value and "<script" not in style.value.value.lower()


def test_no_page_imports_components() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert "streamlit.components" not in path.read_text(encoding="utf-8"), path


def test_text_in_a_generated_style_sheet_cannot_close_it() -> None:
    from dashboard.ui.grids import card_style, css_string
    from dashboard.ui.upload import uploader_style

    hostile = '</style><script>alert(1)</script>"} body { display: none } \\'
    for css in (css_string(hostile), card_style("table-x", [hostile]), uploader_style(hostile, hostile)):
        assert "<" not in css and "</style" not in css.lower()
    assert css_string(hostile).count('"') == 2  # only its own quotes


def test_the_cards_escape_what_they_show() -> None:
    """A metric's configured name (the only stored text in a card) cannot open a tag."""
    from decimal import Decimal

    from dashboard.analytics.engine import MetricFigures
    from dashboard.ui.cards import Form, headline_html

    figures = MetricFigures(ytd_actual=Decimal(5), status="red", status_reason="declining")
    shown = headline_html('<img src=x onerror="alert(1)">利润', figures, Form("zh", "unit", 2))
    assert "<img" not in shown and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;利润" in shown
    assert "<script" not in shown.lower()

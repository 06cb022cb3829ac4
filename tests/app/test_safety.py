"""No user- or file-derived text reaches raw HTML: the only raw HTML in the app is the entry file's own style."""

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


def test_the_only_raw_html_is_a_constant_style_sheet() -> None:
    calls = raw_html_calls()
    # and ui/grids.style_sheet: CSS built by the package, every text in it quoted by css_string (issue 10: the
    # file picker's texts in Chinese, tables as cards on a phone)
    assert sorted((path, ast.unparse(call)) for path, call in calls) == [
        ("app.py", "st.html(STYLE)"),
        ("ui/grids.py", "st.html(f'<style>{css}</style>')"),
    ]
    tree = ast.parse((PACKAGE / "app.py").read_text(encoding="utf-8"))
    style = next(
        n for n in ast.walk(tree) if isinstance(n, ast.Assign) and any(ast.unparse(t) == "STYLE" for t in n.targets)
    )
    assert isinstance(style.value, ast.Constant) and isinstance(style.value.value, str)
    assert "<script" not in style.value.value.lower()


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

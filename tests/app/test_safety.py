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
    """The entry file's style, and the units breakdown's (which of the heat map and the phone's ranked list a
    screen width shows): each a module constant, a style sheet without script."""
    calls = raw_html_calls()
    expected = [("app.py", "st.html(STYLE)"), ("ui/breakdown.py", "st.html(_CSS)")]
    assert sorted((path, ast.unparse(call)) for path, call in calls) == expected
    for path, name in (("app.py", "STYLE"), ("ui/breakdown.py", "_CSS")):
        tree = ast.parse((PACKAGE / path).read_text(encoding="utf-8"))
        style = next(
            n for n in tree.body if isinstance(n, ast.Assign) and any(ast.unparse(t) == name for t in n.targets)
        )
        assert isinstance(style.value, ast.Constant) and isinstance(style.value.value, str)
        assert style.value.value.startswith("<style>") and "<script" not in style.value.value.lower()


def test_no_page_imports_components() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert "streamlit.components" not in path.read_text(encoding="utf-8"), path

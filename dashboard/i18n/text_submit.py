"""Texts of issue 11's submit part: TEXT (interface and command line) and PROBLEMS (reason codes), (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {
    "unit_out_of_scope": (
        "单位 {unit} 不在您负责报送的单位（{units}）之内，不能报送其数据。请删除该行，或请管理员把该单位加入您的账号。",
        "Unit {unit} is not one of the units you report for ({units}); its figures cannot be submitted. Delete "
        "the row, or ask an administrator to add the unit to your account.",
    ),
}

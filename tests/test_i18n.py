"""Every problem the code can raise has a Chinese and an English message with the same fields."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from dashboard.i18n import (
    TEXT,
    default_lang,
    text,
    text_auth,
    text_charts,
    text_coverage,
    text_lineage,
    text_report,
    text_scale,
    text_submit,
    text_web,
)
from dashboard.i18n.messages import PROBLEMS

SOURCE = Path(__file__).resolve().parent.parent / "dashboard"
RAISED = re.compile(r"""\b(?:error|warning|exceeded)\(\s*["']([a-z_0-9]+)["']""")
SNIFF_KINDS = re.compile(r"""Sniffed\(\s*["']([a-z_0-9]+)["']\s*,\s*False""")
UNREADABLE = re.compile(r"""WorkbookUnreadable\(\s*["']([a-z_0-9]+)["']""")
PASSED_ON = re.compile(r"""_stated\([^)]*?["']([a-z_0-9]+)["']\s*,\s*problems""")  # codes handed to a helper
# issue 8: codes carried by an exception or a reading before they become a Problem
CARRIED = re.compile(r"""(?:ValueProblem\(|PeriodReading\(None,\s*)["']([a-z_0-9]+)["']""")


def raised_codes() -> set[str]:
    codes: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(RAISED.findall(text)) | set(PASSED_ON.findall(text)) | set(CARRIED.findall(text))
        codes |= {f"file_{kind}" for kind in SNIFF_KINDS.findall(text) + UNREADABLE.findall(text)}
    return codes


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_scan_finds_codes() -> None:
    assert {
        "not_a_number",
        "file_xls",
        "file_encrypted",
        "period_locked",
        "file_damaged",
        "unknown_period",
    } <= raised_codes()


@pytest.mark.parametrize("code", sorted(raised_codes()))
def test_every_raised_problem_has_both_messages(code: str) -> None:
    assert code in PROBLEMS, f"add {code!r} to dashboard/i18n/messages.py"
    zh, en = PROBLEMS[code]
    assert zh and en and fields(zh) == fields(en)


@pytest.mark.parametrize("key", sorted(TEXT))
def test_texts_have_the_same_fields_in_both_languages(key: str) -> None:
    zh, en = TEXT[key]
    assert fields(zh) == fields(en)


def test_no_text_key_is_defined_in_two_catalogues() -> None:
    catalogues = (
        text.TEXT,
        text_web.TEXT,
        text_auth.TEXT,
        text_charts.TEXT,
        text_report.TEXT,
        text_submit.TEXT,
        text_coverage.TEXT,
        text_scale.TEXT,
        text_lineage.TEXT,
    )
    assert sum(len(c) for c in catalogues) == len(TEXT)


def test_chinese_is_the_default() -> None:
    assert default_lang({}) == "zh" and default_lang({"DASHBOARD_LANG": "en", "LANG": "zh_CN.UTF-8"}) == "en"

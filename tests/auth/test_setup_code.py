"""The first run's setup code: once per process, printed on the console, compared tolerantly."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import pytest

from dashboard.auth.setup_code import check_setup_code, first_run_code, reset_for_tests


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    reset_for_tests()
    yield
    reset_for_tests()


def test_one_code_per_process_printed_once(capsys: pytest.CaptureFixture[str]) -> None:
    code = first_run_code()
    assert re.fullmatch(r"[0-9a-f]{4}-[0-9a-f]{4}", code)
    assert first_run_code() == code
    err = capsys.readouterr().err
    assert err.count(code) == 2 and "设置码" in err and "setup code" in err  # zh and en, once
    reset_for_tests()
    again = first_run_code()  # a new code (random: equal to the old one by a 1 in 2**32 chance only)
    assert again in capsys.readouterr().err


def test_threads_share_one_code() -> None:
    seen: list[str] = []
    threads = [threading.Thread(target=lambda: seen.append(first_run_code())) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(seen)) == 1 and len(seen) == 16


def test_check_is_tolerant_of_case_spaces_and_full_width() -> None:
    code = first_run_code()
    full_width = "".join(chr(ord(ch) + 0xFEE0) if ch.isalnum() else "－" for ch in code.upper())
    for given in (code, f"  {code.upper()}\n", code.replace("-", " "), full_width):
        assert check_setup_code(given), given
    wrong = ("0" if code[0] != "0" else "1") + code[1:]
    for given in ("", wrong, code[:-1], code + "0", "ab12-cd34-" + code):
        assert not check_setup_code(given), given

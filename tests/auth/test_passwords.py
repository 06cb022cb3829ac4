"""Argon2id hashing and the password policy."""

from __future__ import annotations

import pytest

from dashboard.auth.passwords import (
    COMMON,
    MIN_LENGTH,
    dummy_hash,
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)
from dashboard.i18n import t


def test_round_trip() -> None:
    hashed = hash_password("Quarterly-Target-2023")
    assert hashed.startswith("$argon2id$") and "Quarterly" not in hashed
    assert verify_password(hashed, "Quarterly-Target-2023")
    assert not verify_password(hashed, "quarterly-target-2023")
    assert not verify_password(hashed, "")
    assert hash_password("same password") != hash_password("same password")  # salted


@pytest.mark.parametrize("bad", ["", "plain text", "$argon2id$v=19$m=8,t=1,p=1$broken", "$2b$12$abcdefghijk", "\x00"])
def test_malformed_hash_is_a_mismatch_not_an_error(bad: str) -> None:
    assert verify_password(bad, "anything at all") is False
    assert needs_rehash(bad) is True


def test_fast_hash_is_for_tests_only(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = hash_password("Quarterly-Target-2023")
    assert "m=8,t=1,p=1" in fast and not needs_rehash(fast)
    assert "m=8,t=1,p=1" in dummy_hash()
    monkeypatch.delenv("DASHBOARD_TEST_FAST_HASH")
    assert needs_rehash(fast)  # the real parameters replace it at the next sign-in
    assert verify_password(fast, "Quarterly-Target-2023")  # and it still verifies
    assert "m=65536,t=3,p=4" in dummy_hash()


@pytest.mark.parametrize(
    ("password", "username", "codes"),
    [
        ("Short1!", "", ["password.too_short"]),
        ("zhangwei", "zhangwei", ["password.too_short", "password.contains_username"]),
        ("ZhangWei2023!!", "zhangwei", ["password.contains_username"]),
        ("finance-li", "finance-li", ["password.contains_username"]),
        ("2023082012345", "", ["password.digits_only"]),
        ("1234567890", "", ["password.digits_only", "password.common"]),
        ("abababababab", "", ["password.too_simple"]),
        ("QwertyUIOP", "", ["password.common"]),
        ("admin12345", "admin", ["password.contains_username", "password.common"]),
        ("woaini1314", "", ["password.common"]),
        ("Lanterns-on-the-river", "li", []),  # a two-letter username may appear in a password
        ("经营目标看板-二〇二三年", "wang.fang", []),
    ],
)
def test_policy(password: str, username: str, codes: list[str]) -> None:
    assert password_problems(password, username) == codes


def test_common_passwords_are_lower_case_and_the_policy_text_names_the_length() -> None:
    assert all(p == p.lower() for p in COMMON)
    assert str(MIN_LENGTH) in t("password.too_short", "zh") and str(MIN_LENGTH) in t("password.too_short", "en")

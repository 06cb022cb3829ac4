"""Argon2id hashing and the password policy."""

from __future__ import annotations

import pytest

from dashboard.auth.passwords import (
    COMMON,
    MIN_LENGTH,
    dummy_hash,
    guessable,
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
        ("abcdefghij", "", ["password.sequence"]),
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


# The examples, and what people choose: keyboard paths, sequences, breached passwords, pinyin names and
# words, meaningful numbers, dates, and the account's own name.
WEAK = [
    ("abcdefghij", "", "password.sequence"),
    ("P@ssword2023", "", "password.common"),
    ("1qaz2wsx3e", "", "password.common"),
    ("qwertyuiop", "", "password.common"),
    ("Aa123456789", "", "password.common"),
    ("zhang123456", "", "password.common"),
    ("woaini1314", "", "password.common"),
    ("zxcvbnm,./", "", "password.keyboard"),
    ("asdfghjkl;'", "", "password.keyboard"),
    ("13579246810", "", None),  # digits only
    ("zaq12wsxcde3", "", None),
    ("Iloveyou520!", "", None),
    ("zhangwei2023", "", "password.pinyin"),
    ("wangfang@1990", "", None),
    ("liuyang19900101", "", "password.date"),
    ("chenjing0315", "", None),
    ("huangxiaoming", "", "password.pinyin"),
    ("5201314abcd", "", None),
    ("abcabcabcabc", "", "password.too_simple"),
    ("ab1!ab1!ab1!", "", "password.repeat"),
    ("Wangli@2023", "li.na", None),
    ("finance2023!", "finance", "password.contains_username"),
    ("lina19900315", "li.na", "password.personal"),
    ("Zhangwei-1988", "zhang.wei", "password.personal"),
]
STRONG = [
    "Lanterns-on-the-river",
    "经营目标看板-二〇二三年",
    "山高水长-Q3目标达成",
    "kx8#Lm2qPz",
    "Quarterly-Target-2023",
]


@pytest.mark.parametrize(("password", "username", "code"), WEAK)
def test_guessable_passwords_fail_with_a_reason(password: str, username: str, code: str | None) -> None:
    problems = password_problems(password, username)
    assert problems, password
    if code is not None:
        assert problems[0] == code
    for lang in ("zh", "en"):
        assert t(problems[0], lang)  # every reason has both texts


@pytest.mark.parametrize("password", STRONG)
def test_strong_passwords_pass(password: str) -> None:
    assert password_problems(password, "wang.fang") == []


def test_display_name_and_email_count_as_personal() -> None:
    assert password_problems("chaoyang-caiwu", "cy", ["Chao Yang", "chaoyang@corp.example"]) == ["password.personal"]
    assert password_problems("chaoyang-caiwu", "cy") != ["password.personal"]


def test_the_checker_knows_a_real_list() -> None:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    assert len(FREQUENCY_LISTS["passwords"]) >= 30_000
    assert sum(len(words) for words in FREQUENCY_LISTS.values()) >= 90_000
    assert guessable("htubcnhfwbz") == "password.common"  # from the breached-password list, not from COMMON


def test_long_passwords_are_judged_quickly() -> None:
    import time

    start = time.perf_counter()
    assert password_problems("Lanterns-on-the-river " * 50) == []
    assert time.perf_counter() - start < 2


def test_common_passwords_are_lower_case_and_the_policy_text_names_the_length() -> None:
    assert all(p == p.lower() for p in COMMON)
    assert str(MIN_LENGTH) in t("password.too_short", "zh") and str(MIN_LENGTH) in t("password.too_short", "en")

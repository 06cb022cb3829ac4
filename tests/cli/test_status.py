"""``status``: the JSON contract equals an independent calculation from the spec, to the yuan."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from dashboard.cli import main
from dashboard.samples import SAMPLE_UNIT_TARGETS, sample_ytd
from dashboard.storage.engine import open_database
from dashboard.storage.tables import figures

KEYS = {
    "target",
    "growth_floor",
    "base",
    "effective_target",
    "binding",
    "ytd_actual",
    "prior_ytd",
    "completion_rate",
    "progress_gap",
    "yoy_growth",
    "yoy_change",
    "gap",
    "required_per_quarter",
    "required_growth_rest_of_year",
    "projection_linear",
    "projection_seasonal",
    "status",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('status')}/demo.db"
    assert main(["demo", "--db", url]) == 0
    return url


def status_json(url: str, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:  # type: ignore[type-arg]
    capsys.readouterr()
    assert main(["status", "--year", "2023", "--json", "--db", url, *extra]) == 0
    return json.loads(capsys.readouterr().out)


def stored(url: str) -> dict[tuple[str, int, int, str], tuple[Decimal, Decimal | None]]:
    engine = open_database(url)
    with engine.connect() as conn:
        rows = conn.execute(select(figures).order_by(figures.c.version)).mappings().all()
    return {(r["unit_code"], r["year"], r["quarter"], r["metric"]): (r["ytd"], r["prior_ytd"]) for r in rows}


def test_group_figures_equal_an_independent_calculation(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    report = status_json(demo, capsys, "--as-of", "2023Q2")
    assert report["year"] == 2023 and report["as_of"] == "2023Q2" and report["time_progress"] == 0.5
    data = stored(demo)
    for metric, amount in (("revenue", 38_000_000_000), ("profit", 980_000_000)):
        ytd = sum(v[0] for k, v in data.items() if k[1:] == (2023, 2, metric))
        prior = sum(
            (v[1] if v[1] is not None else data.get((k[0], 2022, 2, metric), (Decimal(0),))[0])
            for k, v in data.items()
            if k[1:] == (2023, 2, metric)
        )
        base = sum(v[0] for k, v in data.items() if k[1:] == (2022, 4, metric))
        target = max(Decimal(amount), base * Decimal("1.05"))
        m = report["metrics"][metric]
        assert set(m) >= KEYS
        assert m["ytd_actual"] == pytest.approx(float(ytd), abs=0.5)
        assert m["prior_ytd"] == pytest.approx(float(prior), abs=0.5)
        assert m["effective_target"] == pytest.approx(float(target), abs=0.5)
        assert m["gap"] == pytest.approx(float(target - ytd), abs=0.5)
        assert m["completion_rate"] == pytest.approx(float(ytd / target))
        assert m["progress_gap"] == pytest.approx(float(ytd / target) - 0.5)
        assert m["yoy_growth"] == pytest.approx(float((ytd - prior) / prior))
        assert m["required_per_quarter"] == pytest.approx(float(target - ytd) / 2, abs=0.5)
        assert m["projection_linear"] == pytest.approx(float(ytd) * 2, abs=0.5)
        assert m["projection_seasonal"] == pytest.approx(float(ytd * base / prior), abs=0.5)
    assert report["metrics"]["revenue"]["binding"] == "growth"  # 2022 revenue × 1.05 > 38 bn
    assert report["metrics"]["profit"]["binding"] == "absolute"  # 2022 profit × 1.05 < 980 m


def test_group_equals_the_sum_of_the_units(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    report = status_json(demo, capsys)
    assert report["as_of"] == "2023Q4"  # the latest quarter with figures
    for metric in ("revenue", "profit"):
        for key in ("ytd_actual", "prior_ytd", "yoy_change"):
            units = sum(u["metrics"][metric][key] or 0 for u in report["units"])
            assert report["metrics"][metric][key] == pytest.approx(units, abs=0.5)
    units = {u["code"]: u["metrics"]["revenue"] for u in report["units"]}
    assert units["1101"]["effective_target"] == 7_050_000_000 and units["1101"]["status"] is not None
    eliminations = units["1901"]  # the sample cascades no target to eliminations: listed, without target figures
    assert eliminations["effective_target"] is None and eliminations["status"] is None
    assert eliminations["ytd_actual"] is not None
    unit_targets = sum(revenue for revenue, _ in SAMPLE_UNIT_TARGETS.values()) * 10_000
    assert report["not_allocated"]["revenue"] == 38_430_000_105 - unit_targets  # eliminations have no target


def test_samples_are_what_the_generator_designed(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    designed = sample_ytd()  # 万元
    report = status_json(demo, capsys)
    revenue = sum(v for (c, p, m), v in designed.items() if p.year == 2023 and p.quarter == 4 and m == "revenue")
    assert report["metrics"]["revenue"]["ytd_actual"] == pytest.approx(float(revenue) * 10_000, abs=0.5)


def test_text_form_in_both_languages(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["status", "--year", "2023", "--as-of", "2023Q2", "--db", demo, "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "增长下限约束" in out and "亿元" in out and "红灯" in out and "减亏" in out and "扭亏" in out
    assert main(["status", "--year", "2023", "--db", demo, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "growth floor binds" in out and "RMB" in out and "bn" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2019"], "no figures for 2019"),
        (["--year", "2023", "--as-of", "2019Q1"], "no figures for 2019Q1"),
        (["--year", "2022"], "No group targets are set for 2022"),
    ],
)
def test_unavailable_status_exits_2(
    demo: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    capsys.readouterr()
    assert main(["status", *args, "--db", demo, "--lang", "en"]) == 2
    assert message in capsys.readouterr().err


def test_targets_show_the_effective_target(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["targets", "show", "--year", "2023", "--db", demo, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Effective target group revenue: 38,430,000,105.00 yuan (growth floor binds" in out
    assert "Effective target group profit: 980,000,000.00 yuan (absolute amount binds" in out

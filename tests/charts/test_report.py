"""The gap report's charts are drawn from the read model: the overview's charts, the model's series plotted."""

from __future__ import annotations

from dashboard.analytics.model import rescope
from dashboard.charts.report import report_charts
from dashboard.i18n.numbers import scaled

from .conftest import Sample
from .figures import trace


def test_the_group_gets_every_chart_with_the_models_series(sample: Sample) -> None:
    model = sample.model
    charts = {c.key: c.figure for c in report_charts(model, "zh", "yi")}
    per_metric = [f"{kind}.{m}" for m in ("revenue", "profit") for kind in ("path", "bars", "waterfall", "heat")]
    assert list(charts) == ["bullet", *per_metric]
    for m in ("revenue", "profit"):
        series = model.by_metric[m].series
        actual = trace(charts[f"path.{m}"], "2023 年")
        assert list(actual.y) == [scaled(p.ytd, "yi", "zh") for p in series.quarters if p.ytd is not None]
        bars = trace(charts[f"bars.{m}"], "2023 年")
        singles = [p.single_quarter for p in series.quarters]
        assert list(bars.y)[: len(singles)] == [scaled(v, "yi", "zh") for v in singles if v is not None]
        assert list(charts[f"heat.{m}"].data[0].y) == list(model.by_metric[m].ranking)


def test_a_unit_alone_has_no_units_charts(sample: Sample) -> None:
    unit = rescope(sample.stored, sample.model, "1101", alone=True)
    charts = report_charts(unit, "en", "wan")
    assert [c.key for c in charts] == ["bullet", "path.revenue", "bars.revenue", "path.profit", "bars.profit"]
    path = trace(charts[1].figure, "2023")
    assert path.y[-1] == scaled(unit.entity.metrics["revenue"].ytd_actual, "wan", "en")  # type: ignore[arg-type]

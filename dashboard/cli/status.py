"""``status --year 2023 [--as-of 2023Q2] [--json]``: where the group and each unit stand."""

from __future__ import annotations

import argparse
import json
from typing import Any

from dashboard.analytics.engine import Entity, MetricFigures
from dashboard.cli import CliError, Context, year
from dashboard.cli.data import parse_period
from dashboard.i18n import metric_name
from dashboard.i18n.numbers import amount, pad, points, rate
from dashboard.safe_text import json_for_terminal, terminal
from dashboard.status import StatusUnavailable, load_model, to_json


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("status", parents=[common], help="progress against the targets, group and units")
    p.add_argument("--year", type=year, required=True)
    p.add_argument("--as-of", help="the quarter (default: the latest with figures), e.g. 2023Q2")
    p.add_argument("--json", action="store_true", help="the machine contract: yuan, fractions, null")
    p.set_defaults(handler=cmd_status)


def cmd_status(args: argparse.Namespace, ctx: Context) -> int:
    as_of = parse_period(args.as_of) if args.as_of else None
    try:
        with ctx.engine.connect() as conn:
            model = load_model(conn, args.year, as_of)
    except StatusUnavailable as exc:
        raise CliError(exc.code, **exc.params) from exc
    if args.json:
        ctx.out(json_for_terminal(json.dumps(to_json(model.report, model.units), ensure_ascii=False, indent=2)))
        return 0
    lang = ctx.lang
    ctx.out(ctx.t("status.head", year=model.year, as_of=str(model.as_of), pace=rate(model.time_progress)))
    for metric in model.metrics:
        _group_block(ctx, metric.code, model.entity.metrics[metric.code])
    names = {code: (u.name_zh if lang == "zh" else u.name_en or u.name_zh) for code, u in model.units.items()}
    by_code = {u.code: u for u in model.unit_rows}
    for metric in model.metrics:
        ctx.out("")
        ctx.out(ctx.t("status.units_head", metric=metric_name(metric.code, lang, model.metrics)))
        for code in model.by_metric[metric.code].ranking:
            ctx.out(_unit_line(ctx, by_code[code], names.get(code, code), metric.code))
    return 0


def _group_block(ctx: Context, metric: str, m: MetricFigures) -> None:
    lang = ctx.lang
    binding = ctx.t(f"binding.{m.binding}") if m.binding else "–"
    ctx.out("")
    ctx.out(
        ctx.t(
            "status.metric", metric=metric_name(metric, lang), target=amount(m.effective_target, lang), binding=binding
        )
    )
    ctx.out(
        ctx.t(
            "status.progress",
            ytd=amount(m.ytd_actual, lang),
            completion=_completion(ctx, m),
            gap_pp=points(m.progress_gap, lang),
            yoy=_yoy(ctx, m, "group"),
            status=_status(ctx, m.status),
        )
    )
    ctx.out(
        ctx.t(
            "status.outlook",
            gap=amount(m.gap, lang),
            per_quarter=amount(m.required_per_quarter, lang),
            growth_needed=rate(m.required_growth_rest_of_year),
            linear=amount(m.projection_linear, lang),
            seasonal=amount(m.projection_seasonal, lang),
        )
    )
    if m.restated:
        ctx.out(ctx.t("status.restated", stored=amount(m.stored_prior_ytd, lang), reported=amount(m.prior_ytd, lang)))


def _yoy(ctx: Context, m: MetricFigures, level: str) -> str:
    change = amount(m.yoy_change, ctx.lang, level)
    if m.loss_wording:  # 扭亏/减亏/增亏/由盈转亏: the amount, not a rate (a profit that became a loss is not −154 %)
        return f"{ctx.t('loss.' + m.loss_wording)} ({change})"
    if m.yoy_growth is not None:
        return f"{rate(m.yoy_growth)} ({change})"
    return change


def _completion(ctx: Context, m: MetricFigures) -> str:
    """The completion rate, or the words that replace it (in loss; a 减亏 target met or not)."""
    return ctx.t(f"completion.{m.completion_wording}") if m.completion_wording else rate(m.completion_rate)


def _status(ctx: Context, status: str | None) -> str:
    return ctx.t(f"light.{status}") if status else "–"


def _unit_line(ctx: Context, unit: Entity, name: str, metric: str) -> str:
    m = unit.metrics[metric]
    lang = ctx.lang
    cells = [
        pad(terminal(unit.code), 8),
        pad(terminal(name)[:14], 30),
        pad(amount(m.ytd_actual, lang, "unit"), 20, right=True),
        pad(_completion(ctx, m), 8, right=True),
        pad(points(m.progress_gap, lang), 14, right=True),
        pad(_yoy(ctx, m, "unit"), 28, right=True),
        _status(ctx, m.status),
    ]
    return "  " + " ".join(cells)

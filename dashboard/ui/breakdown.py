"""Who moves a scope's figure, shown under its headline on the Overview and Units pages: the member units'
contributions (waterfall), completion by quarter (heat map; a ranked list on a phone), and the red/amber/green
table, most behind first (``ui.units_grid``). A click on a unit in any of them opens that unit's page
(``ui.drill``).

Everything shown is read from the scope's ``ReadModel``. Nothing here computes a figure.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st
from plotly.graph_objects import Figure

from dashboard.analytics.engine import GROUP
from dashboard.analytics.model import ReadModel
from dashboard.charts.units import (
    NO_PRIOR,
    UNALLOCATED,
    UNTARGETED,
    Remainder,
    completion_heatmap,
    contribution_waterfall,
)
from dashboard.i18n import t
from dashboard.i18n.numbers import amount, view_decimals
from dashboard.ui import drill
from dashboard.ui.data import memo
from dashboard.ui.lights import legend_text
from dashboard.ui.names import unit_names
from dashboard.ui.sections import CHART, scope_key
from dashboard.ui.session import bound_text, lang, setting, text
from dashboard.ui.tables import brand, status_word, table_name, unit_reason
from dashboard.ui.units_grid import units_grid
from dashboard.ui.widgets import plain

RANKED = 30  # units in the phone's ranked list (the heat map's limit)
# The heat map and the ranked list stand in the same place; the screen's width picks one (st.container's key
# gives the class st-key-<key>).
_CSS = """<style>
.st-key-breakdown-list, .st-key-breakdown-table-phone { display: none; }
@media (max-width: 640px) {
  .st-key-breakdown-heat, .st-key-breakdown-table-wide { display: none; }
  .st-key-breakdown-list, .st-key-breakdown-table-phone { display: block; }
}
</style>"""


def units_breakdown(model: ReadModel, metric: str, level: str) -> None:
    """Who moves the scope's figure: its member units' contributions (waterfall), completion by quarter (heat
    map, or on a narrow screen a ranked list), the red/amber/green table, and under it for the group the unit
    targets against the group target. A click on a unit opens its page."""
    drill.follow_click(model)
    st.html(_CSS)
    kind = _kind_picker(model, metric)
    language = lang()
    scope = (*scope_key(model), metric, language, level, setting("STATUS_COLOURS"))
    st.caption(text("web.breakdown.open"))
    left, right = st.columns(2)
    with left:
        bars = memo(("waterfall", *scope, kind), lambda: waterfall(model, metric, kind, level, language))
        _chart(bars, f"chart.waterfall.{model.scope}.{metric}", model)  # per scope: a selection is not carried over
        for name, note in remainder_notes(model, metric, kind, level, language):
            st.caption(text("web.breakdown.remainder_note", name=name, note=plain(note)))
    with right:
        with st.container(key="breakdown-heat"):
            cells = memo(("heat", *scope), lambda: heat_map(model, metric, language, setting("STATUS_COLOURS")))
            _chart(cells, f"chart.heat.{model.scope}.{metric}", model)
        with st.container(key="breakdown-list"):
            _ranked_list(model, metric, scope)
    units_grid(model, metric, level, scope)
    st.caption(legend_text(model.settings, language, setting("STATUS_COLOURS")))
    _targets_line(model, metric, level)


def _kind_picker(model: ReadModel, metric: str) -> str:
    """YoY contributions, or (where units have targets) the gap's."""
    say = bound_text()  # format_func runs outside the script run: fix the language now
    has_unit_targets = any(u.metrics[metric].effective_target is not None for u in model.unit_rows)
    kinds = ["yoy", "gap"] if has_unit_targets else ["yoy"]
    key = f"breakdown.kind.{metric}"
    if st.session_state.get(key) not in kinds:
        st.session_state[key] = kinds[0]
    chosen = st.segmented_control(
        text("web.breakdown"), kinds, key=key, format_func=lambda k: say(f"web.breakdown.{k}")
    )
    return str(chosen or kinds[0])


def _chart(fig: Figure, key: str, model: ReadModel) -> None:
    """A chart whose unit bars and cells open the unit when clicked."""
    on_pick = partial(drill.on_pick, key, drill.selected_point_code, model.units)
    st.plotly_chart(fig, config=CHART, key=key, on_select=on_pick, selection_mode="points")


# ---- the charts


def waterfall(model: ReadModel, metric: str, kind: str, level: str, language: str) -> Figure:
    """The units' YoY changes ("yoy") or gaps ("gap"), plus the named remainders, adding up to the scope's own
    figure; the total named for the scope (the group, or a unit with its units). Pure: no session read."""
    view = model.by_metric[metric]
    names = unit_names(model.units, language)
    where = "group" if model.scope == GROUP else "scope"
    if kind == "yoy":
        total, contributions = view.figures.yoy_change, view.yoy_contributions
        label = t("web.breakdown.total.yoy" if where == "group" else "web.breakdown.total.yoy.scope", language)
        note = t("chart.waterfall.no_prior_note", language, total=label)
        parts = [Remainder(NO_PRIOR, t("chart.waterfall.no_prior", language), view.yoy_remainder, note)]
    else:
        total, contributions = view.figures.gap, view.gap_contributions
        label = t(f"web.breakdown.total.gap.{where}" if total is not None else "web.breakdown.total.gap", language)
        parts = _gap_parts(model, metric, level, language) if total is not None else []
    labels = short_names(model, language)
    return contribution_waterfall(
        contributions, names, label, language, level, total=total, remainders=parts, labels=labels
    )


def remainder_notes(model: ReadModel, metric: str, kind: str, level: str, language: str) -> list[tuple[str, str]]:
    """(name, what it is) of each named remainder bar the waterfall shows: said under the chart too, as a hover
    is not seen on a phone or on paper."""
    view = model.by_metric[metric]
    if kind == "yoy":
        if not view.yoy_remainder:
            return []
        total = t("web.breakdown.total.yoy" if model.scope == GROUP else "web.breakdown.total.yoy.scope", language)
        return [(t("chart.waterfall.no_prior", language), t("chart.waterfall.no_prior_note", language, total=total))]
    if view.figures.gap is None:
        return []
    return [(r.label, r.note) for r in _gap_parts(model, metric, level, language) if r.amount]


def _gap_parts(model: ReadModel, metric: str, level: str, language: str) -> list[Remainder]:
    """The gap's two named remainders: the target not allocated to units, less what units without a target did."""
    view = model.by_metric[metric]
    done = view.gap_untargeted_ytd
    untargeted_note = t(
        "chart.waterfall.untargeted_note",
        language,
        amount=amount(done, language, level, view_decimals([done], level, language), with_unit=True),
    )
    return [
        Remainder(
            UNALLOCATED,
            t("chart.waterfall.unallocated", language),
            view.gap_unallocated,
            t("chart.waterfall.unallocated_note", language),
        ),
        Remainder(
            UNTARGETED, t("chart.waterfall.untargeted", language), None if done is None else -done, untargeted_note
        ),
    ]


def heat_map(model: ReadModel, metric: str, language: str, colours: str) -> Figure:
    """Completion by unit and quarter, coloured by the distance from the pace the model compares with."""
    view = model.by_metric[metric]
    return completion_heatmap(
        view.unit_completion,
        unit_names(model.units, language),
        view.ranking,
        list(model.pace_by_quarter),
        model.pace_by_quarter,
        language,
        colours=colours,
        progress=view.unit_progress,
        pace=model.settings.pace,
        labels=short_names(model, language),
    )


def short_names(model: ReadModel, language: str) -> dict[str, str]:
    """The member units' short names (the group's brand and the legal form left off), for the charts' axes."""
    names = unit_names(model.units, language)
    common = brand([names.get(code, code) for code in model.members])
    return {code: table_name(names.get(code, code), language, common) for code in model.members}


# ---- the table, the phone's ranked list, the targets line


def _ranked_list(model: ReadModel, metric: str, scope: tuple[Any, ...]) -> None:
    """The heat map's stand-in on a phone: the units most behind first, each its light, word and reason (the
    narrow table below opens a unit)."""
    language, scheme = lang(), setting("STATUS_COLOURS")
    st.markdown(memo(("ranked", *scope), lambda: ranked_lines(model, metric, language, scheme)))


def ranked_lines(model: ReadModel, metric: str, language: str, scheme: str) -> str:
    """The ranked list as Markdown: a heading, then one line per unit with a light (no target: no line)."""
    view = model.by_metric[metric]
    names = unit_names(model.units, language)
    rows = {u.code: u.metrics[metric] for u in model.unit_rows}
    common = brand([names.get(code, code) for code in view.ranking])
    lit = [code for code in view.ranking if (m := rows.get(code)) is not None and m.status is not None]
    shown = lit[:RANKED]  # units without a target have no light: they are not listed
    lines = [f"**{t('web.breakdown.ranked', language, shown=len(shown), total=f'{len(lit):,}')}**"]
    for code in shown:
        m = rows[code]
        item = t(
            "web.breakdown.ranked_item",
            language,
            light=status_word(m.status, language, scheme),
            name=plain(table_name(names.get(code, code), language, common)),
            reason=plain(unit_reason(m, language, model.settings.pace)) or "–",
        )
        lines.append(f"- {item}")
    return "\n".join(lines)


def _targets_line(model: ReadModel, metric: str, level: str) -> None:
    """For the group: the unit targets' total against the group target, and what is not allocated (or by how
    much the units' targets exceed the group's), in the page's scale."""
    view = model.by_metric[metric]
    rest, group = view.not_allocated, view.figures.effective_target
    if model.scope != GROUP or rest is None or group is None:
        return
    language = lang()
    units_total = group - rest  # not_allocated is the group target less the units' targets
    decimals = view_decimals([units_total, group, rest], level, language)

    def money(value: Any) -> str:
        return amount(value, language, level, decimals)

    key = "web.targets_line.over" if rest < 0 else "web.targets_line.under"
    st.markdown(text(key, units=money(units_total), group=money(group), rest=money(abs(rest))))

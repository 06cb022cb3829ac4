"""Chart titles, axis labels, legend entries and hover texts texts, keyed by name: (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # status words: a status is never shown by colour alone
    "status.green": ("绿灯·正常", "Green · on track"),
    "status.amber": ("黄灯·关注", "Amber · watch"),
    "status.red": ("红灯·落后", "Red · behind"),
    "status.none": ("未设目标", "No target"),
    # shared
    "chart.q1": ("一季度", "Q1"),
    "chart.q2": ("二季度", "Q2"),
    "chart.q3": ("三季度", "Q3"),
    "chart.q4": ("四季度", "Q4"),
    "chart.year": ("{year} 年", "{year}"),
    "chart.hover.item": ("{name}：{value}", "{name}: {value}"),
    "chart.hover.yoy": ("同比 {rate}", "YoY {rate}"),
    "chart.axis.ytd": ("本年累计（{unit}）", "Year to date ({unit})"),
    "chart.axis.amount": ("金额（{unit}）", "Amount ({unit})"),
    "chart.axis.single": ("单季（{unit}）", "Single quarter ({unit})"),
    "chart.axis.yoy": ("累计同比增长", "Year-on-year growth (YTD)"),
    "chart.axis.qoq": ("单季环比增长", "Quarter-on-quarter growth"),
    "chart.axis.completion": ("完成率", "Completion of target"),
    "chart.titled": ("{metric}：{title}", "{metric}: {title}"),
    "chart.no_data": ("暂无数据", "No data"),
    # progress.py: the bullets
    "chart.bullet.title": ("目标完成率与序时进度", "Completion of the year's targets against time progress"),
    "chart.bullet.completion": ("完成率", "Completion"),
    "chart.bullet.time_note": ("虚线：序时进度 {rate}", "Dashed line: time progress {rate}"),
    "chart.bullet.full": ("全年目标", "Full year"),
    "chart.bullet.label": ("{status}  {rate}", "{status}  {rate}"),
    "chart.bullet.hover": (
        "{metric}<br>本年累计 {ytd}<br>目标 {target}<br>完成率 {rate}（较序时 {gap}）",
        "{metric}<br>Year to date {ytd}<br>Target {target}<br>Completion {rate} ({gap} vs time)",
    ),
    # year.py: the year's path and its quarters
    "chart.path.title": ("{metric}：本年累计与目标路径", "{metric}: year to date against target"),
    "chart.path.target.linear": ("目标路径（按序时）", "Target path (linear)"),
    "chart.path.target.seasonal": ("目标路径（按上年季节）", "Target path (last year's seasons)"),
    "chart.path.projection.linear": ("全年预计（按序时）", "Full-year projection (run rate)"),
    "chart.path.projection.seasonal": ("全年预计（按上年季节）", "Full-year projection (last year's seasons)"),
    "chart.path.summary": (
        "本年累计 {ytd} · 目标 {target} · 全年预计 {projection}",
        "YTD {ytd} · target {target} · projection {projection}",
    ),
    "chart.bars.title": ("{metric}：单季与上年同季", "{metric}: quarters against last year"),
    # units.py: contributions and the heat map
    "chart.waterfall.title": ("各单位对{total}的贡献", "Contributions by unit to {total}"),
    "chart.waterfall.title_top": (
        "各单位对{total}的贡献<br><sup>前 {top} 家，其余 {rest} 家合计</sup>",
        "Contributions to {total}<br><sup>top {top} units; {rest} others summed</sup>",
    ),
    "chart.waterfall.other": ("其他单位（{count} 家）", "Other units ({count})"),
    "chart.waterfall.hover": ("{name}<br>{amount}<br>占比 {share}", "{name}<br>{amount}<br>Share {share}"),
    "chart.waterfall.unattributed": ("未归属到单位的差额", "Not attributed to a unit"),
    "chart.heatmap.title": ("各单位季度完成率", "Completion by unit and quarter"),
    "chart.heatmap.title_limited": (
        "各单位季度完成率：落后最多的 {limit} 家（共 {total} 家）",
        "Completion by unit and quarter: the {limit} furthest behind (of {total})",
    ),
    "chart.heatmap.colour": ("较序时进度（个百分点）", "vs time progress (pp)"),
    "chart.heatmap.column": ("{quarter}<br>序时 {time}", "{quarter}<br>time {time}"),
    "chart.heatmap.hover": (
        "{unit} · {quarter}<br>完成率 {rate}<br>序时进度 {time}（{gap}）",
        "{unit} · {quarter}<br>Completion {rate}<br>Time progress {time} ({gap})",
    ),
    # trends.py: several years side by side
    "chart.trend.title.ytd": ("{metric}：本年累计，{years}", "{metric}: year to date, {years}"),
    "chart.trend.title.quarter": ("{metric}：单季，{years}", "{metric}: single quarters, {years}"),
    "chart.trend.title.yoy": ("{metric}：累计同比增长，{years}", "{metric}: year-on-year growth, {years}"),
    "chart.trend.title.qoq": ("{metric}：单季环比增长，{years}", "{metric}: quarter-on-quarter growth, {years}"),
    "chart.trend.restated": ("已重述（上年同期口径调整）", "Restated (prior year re-reported)"),
    "chart.trend.restated_hover": (
        "已重述：上年同期按本期口径 {reported}，原存 {stored}",
        "restated: prior year now reported as {reported}, stored {stored}",
    ),
    # reports/xlsx.py and reports/csvtable.py: the gap report's workbook and CSV
    "xlsx.sheet.summary": ("概要", "Summary"),
    "xlsx.sheet.units": ("各单位-{metric}", "Units - {metric}"),
    "xlsx.sheet.counts": ("户数统计", "Counts"),
    "xlsx.sheet.quarters": ("分季度", "Quarters"),
    "xlsx.sheet.notes": ("说明", "Notes"),
    "xlsx.footer": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "csv.metric": ("指标", "Metric"),
    "csv.unit.amount": ("（{word}）", " ({word})"),
    "csv.unit.rate": ("（%）", " (%)"),
    "csv.unit.points": ("（个百分点）", " (pp)"),
}

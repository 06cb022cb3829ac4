"""Charts of the executive dashboard: pure functions from analytics results to plotly Figures.

No Streamlit here; pages display what these return. One module per concern:
``style`` (the shared look), ``progress`` (completion bullets), ``year`` (the year's path and quarters),
``units`` (contribution waterfall, completion heat map), ``trends`` (several years side by side).
Amounts are drawn in the display scale of the ``level`` passed in (亿元/万元, RMB bn/m), with the unit in the
axis title; every word comes from ``dashboard/i18n/text_charts.py`` in the language passed in.
"""

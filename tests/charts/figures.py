"""Reading a plotly figure's data back in tests: traces by name, and every word a reader sees."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


def trace(fig: go.Figure, name: str) -> Any:
    """The one trace with this legend name."""
    found = [t for t in fig.data if t.name == name]
    assert len(found) == 1, f"{len(found)} traces named {name!r}: {[t.name for t in fig.data]}"
    return found[0]


def titles(fig: go.Figure) -> list[str]:
    """Title, subtitle, axis titles, legend entries, colour-bar title and annotations."""
    layout = fig.layout
    words = [layout.title.text, layout.title.subtitle.text, layout.xaxis.title.text, layout.yaxis.title.text]
    words += [t.name for t in fig.data if t.showlegend is not False and layout.showlegend is not False]
    words += [a.text for a in layout.annotations]
    words += [t.colorbar.title.text for t in fig.data if isinstance(t, go.Heatmap)]
    if isinstance(fig.data[0] if fig.data else None, go.Waterfall):
        words += list(layout.yaxis.ticktext)  # the waterfall's own bars: other units, not attributed, total
    return [w for w in words if w]


def hover_texts(fig: go.Figure) -> list[str]:
    """Every hover text, flattened (heat maps have one per cell)."""
    out: list[str] = []
    for t in fig.data:
        for item in t.hovertext or ():
            out.extend(item if isinstance(item, list | tuple) else [item])
    return out

// Everything on the page that is cut off, measured in one pass (tests/browser/test_fit.py evaluates this function).
//
// Checks, each failure named by its kind:
//   page-wider-than-window   the page scrolls sideways
//   text-cut / metric-cut    an element holding text whose own box cuts it (overflow hidden/clip or an ellipsis) or
//   text-outside-box         whose text sticks out of a clipping/scrolling box around it (up to its Streamlit element)
//   ellipsis-in-text         text the app shortened with "…"
//   input-value-cut          a value wider than its input box (the selectbox shows its choice in an <input>)
//   grid-scrolls-sideways    a data grid scrolls sideways (from 1280 px up)
//   grid-hides-rows          a data grid scrolls down and no row count stands next to it
//   grid-cell-cut            a grid cell's text wider than its column (grid-not-drawn: a grid that never appeared)
//   chart-text-outside       a plotly text outside the chart's box
//   chart-text-ellipsis / chart-text-too-small (< 9 px on screen) / chart-labels-overlap / chart-ticks-overlap
//
// Argument: { wide: true when the viewport is 1280 px or wider (data grids must not scroll sideways there) }.
// Returns a list of failures { kind, where, text, sizes }: kind names the check, `where` the element (test id or
// tag.class), `text` the text concerned (first 80 characters), `sizes` the measured numbers.
({ wide }) => {
  const TOL = 1; // px: rounding of sub-pixel layout
  const failures = [];
  const clip = (s) => (s || "").replace(/\s+/g, " ").trim().slice(0, 80);
  const px = (n) => Math.round(n * 10) / 10;
  const fail = (kind, el, text, sizes) => failures.push({ kind, where: describe(el), text: clip(text), sizes });

  // A short name for an element: its own or nearest test id, then tag and first class.
  function describe(el) {
    const own = el.getAttribute && el.getAttribute("data-testid");
    const tagged = own ? el : el.closest && el.closest("[data-testid]");
    const id = tagged ? tagged.getAttribute("data-testid") : "";
    const cls = typeof el.className === "string" && el.className ? "." + el.className.split(" ")[0] : "";
    return (id ? id + " > " : "") + el.tagName.toLowerCase() + cls;
  }

  // Shown: laid out with a size, no display:none / visibility:hidden on it or an ancestor.
  function shown(el) {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false; // zero-size and 1 px screen-reader-only boxes
    return el.checkVisibility({ checkVisibilityCSS: true });
  }

  const clips = (style) => ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
  const scrolls = (style) => style.overflowX !== "visible";

  // Where to look: the main area, and the sidebar when it is open (at 390 px it is folded away).
  const roots = [document.querySelector('[data-testid="stMain"]')];
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  if (sidebar && sidebar.getAttribute("data-collapsed") !== "true") roots.push(sidebar);

  // (0) The page itself must not scroll sideways (something wider than the window).
  const page = document.documentElement;
  if (page.scrollWidth > window.innerWidth + TOL) {
    fail("page-wider-than-window", page, "", { scrollWidth: page.scrollWidth, innerWidth: window.innerWidth });
  }

  // (a) + (d) Every element holding text directly: the text fits its box and is not cut by a box around it.
  const skip = '[data-testid="stDataFrame"], svg, script, style, noscript, [data-testid="stTooltipContent"]';
  const seen = new Set();
  for (const root of roots.filter(Boolean)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el || seen.has(el) || el.closest(skip) || !shown(el)) continue;
      seen.add(el);
      const text = el.textContent;
      const kind = el.closest('[data-testid="stMetric"]') ? "metric-cut" : "text-cut";
      const style = getComputedStyle(el);
      // Its own box cuts it: overflow hidden/clip or an ellipsis, and the content is wider than the box.
      if (clips(style) && el.scrollWidth > el.clientWidth + TOL) {
        fail(kind, el, text, { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
        continue;
      }
      // Text the app itself shortened with an ellipsis.
      if (/(…|\.\.\.)\s*$/.test(text)) {
        fail("ellipsis-in-text", el, text, {});
        continue;
      }
      // A box around it (up to its Streamlit element) cuts or scrolls it sideways: the rendered text sticks out.
      const range = document.createRange();
      range.selectNodeContents(el);
      const t = range.getBoundingClientRect();
      const stop = el.closest('[data-testid="stElementContainer"], [data-testid="stSidebarUserContent"]');
      for (let box = el.parentElement; box && box !== stop?.parentElement; box = box.parentElement) {
        if (!scrolls(getComputedStyle(box))) continue;
        const b = box.getBoundingClientRect();
        if (t.left < b.left - TOL || t.right > b.right + TOL) {
          const sizes = { textLeft: px(t.left), textRight: px(t.right), boxLeft: px(b.left), boxRight: px(b.right) };
          fail(kind === "metric-cut" ? kind : "text-outside-box", box, text, sizes);
          break;
        }
      }
    }
  }

  // (a') Values shown in input boxes (the selectbox shows its choice in an <input>): the whole value is visible.
  for (const root of roots.filter(Boolean)) {
    for (const input of root.querySelectorAll("input:not([type]), input[type=text], input[type=search]")) {
      if (!input.value || !shown(input) || input.scrollWidth <= input.clientWidth + TOL) continue;
      fail("input-value-cut", input, input.value, { scrollWidth: input.scrollWidth, clientWidth: input.clientWidth });
    }
  }

  // (b) Data grids (glide, drawn on a canvas): no sideways scrolling from 1280 px up; every row shown, or the
  // page states how many there are right next to the grid.
  for (const grid of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    if (!shown(grid)) continue;
    const scroller = grid.querySelector(".dvn-scroller");
    const table = grid.querySelector('table[role="grid"]');
    if (!scroller || !table) {
      fail("grid-not-drawn", grid, grid.innerText, {}); // still loading after 5 s: nothing could be measured
      continue;
    }
    const rows = Number(table.getAttribute("aria-rowcount")) - 1; // minus the header row
    // The grid draws only the columns in view into its accessible table: name the first three and count them all.
    const columns = Number(table.getAttribute("aria-colcount"));
    const first = [...table.querySelectorAll("thead th")].slice(0, 3).map((th) => th.textContent);
    const header = `${first.join(" | ")} … (${columns} columns, ${rows} rows)`;
    if (wide && scroller.scrollWidth > scroller.clientWidth + TOL) {
      fail("grid-scrolls-sideways", grid, header, { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth });
    }
    if (scroller.scrollHeight > scroller.clientHeight + TOL && !countNearby(grid, rows)) {
      fail("grid-hides-rows", grid, header, { rows, scrollHeight: scroller.scrollHeight, clientHeight: scroller.clientHeight });
    }
    cellsCut(grid, scroller, table, header);
  }

  // Cells whose text is wider than their column (the grid clips it at the column's edge). The grid is drawn on a
  // canvas: the column widths and fonts are read from the props of its React component (glide-data-grid's
  // DataEditor), the texts from its accessible table (the rows in view; raw values, e.g. "92.5" for "92.5%", so
  // formatted numbers are measured a little short), and measured with the same font on a canvas.
  function cellsCut(grid, scroller, table, header) {
    const fiberKey = Object.keys(scroller).find((k) => k.startsWith("__reactFiber"));
    let props = null;
    for (let f = fiberKey && scroller[fiberKey], i = 0; f && i < 40; f = f.return, i++) {
      const p = f.memoizedProps;
      if (!p || !Array.isArray(p.columns)) continue;
      if (!props && p.columns.every((c) => typeof c.width === "number")) props = p;
    }
    if (!props) return;
    // The inner grid's props list the row-marker (selection) column first, which the accessible table does not
    // count (aria-colindex 1 is the first data column): shift by the difference.
    const offset = Math.max(0, props.columns.length - Number(table.getAttribute("aria-colcount")));
    const theme = props.theme || {};
    const pad = theme.cellHorizontalPadding ?? 8;
    const family = theme.fontFamily || "sans-serif";
    // Columns may grow to fill the grid's width: the room left is shared by their `grow`.
    const widths = props.columns.map((c) => c.width);
    const room = Math.max(0, scroller.clientWidth - widths.reduce((a, b) => a + b, 0));
    const grow = props.columns.reduce((a, c) => a + (c.grow || 0), 0);
    const actual = props.columns.map((c, i) => widths[i] + (grow ? (room * (c.grow || 0)) / grow : 0));
    const ctx = document.createElement("canvas").getContext("2d");
    const widest = new Map(); // column index -> { need, text }
    for (const cell of table.querySelectorAll("th[aria-colindex], td[aria-colindex]")) {
      const index = Number(cell.getAttribute("aria-colindex")) - 1 + offset;
      if (index < 0 || index >= actual.length || !cell.textContent) continue;
      ctx.font = `${cell.tagName === "TH" ? theme.headerFontStyle || "600 14px" : theme.baseFontStyle || "14px"} ${family}`;
      const need = ctx.measureText(cell.textContent).width + 2 * pad;
      if (need > actual[index] + 2 * TOL && need > (widest.get(index)?.need ?? 0)) {
        widest.set(index, { need, text: cell.textContent });
      }
    }
    for (const [index, { need, text }] of widest) {
      fail("grid-cell-cut", grid, `${props.columns[index].title}: ${text}`, {
        grid: header, needs: px(need), column: px(actual[index]),
      });
    }
  }

  // The number of rows with its noun ("共 15 行", "15 家", "15 rows", "of 15") in the visible text just before or
  // after the grid's element.
  function countNearby(grid, rows) {
    const element = grid.closest('[data-testid="stElementContainer"]') || grid;
    const near = [element.previousElementSibling, element.nextElementSibling].filter((e) => e && shown(e));
    const nouns = "行|条|家|个|项|rows?|units?|lines?|entries|records|problems?";
    const count = new RegExp(`(^|[^\\d.,])(${rows}\\s*(${nouns})(?![a-z])|(共|of)\\s*${rows}(?![\\d.,]))`, "i");
    return near.some((e) => count.test(e.innerText));
  }

  // (c) Plotly charts: every SVG text inside the chart's box, whole (no "…") and not too small to read; no two
  // titles/annotations on top of each other, nor two tick labels of one axis.
  const MIN_FONT = 9; // px
  const box4 = (r) => [px(r.left), px(r.top), px(r.right), px(r.bottom)];
  const overlaps = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > TOL
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > TOL;
  // Rotated by a multiple of 90° (or not at all): only then is its bounding box the text's own outline.
  const upright = (text) => {
    const turn = /rotate\(\s*(-?[\d.]+)/.exec(text.getAttribute("transform") || "");
    return !turn || Number(turn[1]) % 90 === 0;
  };
  for (const plot of document.querySelectorAll(".js-plotly-plot")) {
    const svg = plot.querySelector(".main-svg");
    if (!svg || !shown(plot)) continue;
    const box = svg.getBoundingClientRect();
    const chart = clip(plot.querySelector(".gtitle")?.textContent || "");
    const labels = []; // titles and annotations
    const ticks = new Map(); // axis layer -> its tick labels
    for (const text of plot.querySelectorAll(".main-svg text")) {
      const r = text.getBoundingClientRect();
      const lines = [...text.querySelectorAll("tspan.line")].map((line) => line.textContent);
      const words = lines.length > 1 ? lines.join(" ") : text.textContent; // plotly's <br> makes tspan lines
      if (!words.trim() || r.width === 0 || !text.checkVisibility({ checkVisibilityCSS: true })) continue;
      if (r.left < box.left - TOL || r.right > box.right + TOL || r.top < box.top - TOL || r.bottom > box.bottom + TOL) {
        fail("chart-text-outside", text, words, { chart, text: box4(r), svg: box4(box) });
      }
      if (/(…|\.\.\.)\s*$/.test(words)) fail("chart-text-ellipsis", text, words, { chart });
      // Plotly shrinks bar labels with a scale transform: the size on screen is the font size times that scale.
      const matrix = text.getScreenCTM();
      const size = parseFloat(getComputedStyle(text).fontSize) * (matrix ? Math.hypot(matrix.a, matrix.b) : 1);
      if (size < MIN_FONT) fail("chart-text-too-small", text, words, { chart, fontSize: px(size) });
      if (text.closest(".annotation, [class*='title']")) labels.push({ text, r, words });
      const tick = text.closest(".xtick, .ytick, [class$='tick']");
      if (tick && upright(text)) {
        if (!ticks.has(tick.parentNode)) ticks.set(tick.parentNode, []);
        ticks.get(tick.parentNode).push({ text, r, words });
      }
    }
    for (const [kind, group] of [["chart-labels-overlap", labels], ...[...ticks.values()].map((g) => ["chart-ticks-overlap", g])]) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          if (!overlaps(group[i].r, group[j].r)) continue;
          const both = group[i].words + " ⟷ " + group[j].words;
          fail(kind, group[i].text, both, { chart, a: box4(group[i].r), b: box4(group[j].r) });
        }
      }
    }
  }
  return failures;
}

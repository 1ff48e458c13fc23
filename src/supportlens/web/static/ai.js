// AI customer agent → Performance: the Impact this week figures and a small chart per
// AI metric, each fed by /api/report/<metric> and linking to its full report view.
(function () {
  const impact = document.getElementById("impact");
  const now = impact.dataset.now;  // "" = as of today
  const rangeSelect = document.getElementById("ai-range");
  const LOWER_IS_BETTER = new Set(["ai_resolution_time"]);

  const iso = (d) => d.toISOString().slice(0, 10);
  function anchorDay() {
    const d = now ? new Date(now.length === 10 ? now + "T12:00:00Z" : now) : new Date();
    const day = isNaN(d) ? new Date() : d;
    return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  }

  // -- Impact this week ---------------------------------------------------------------
  function change(figure) {
    const prev = SL.format(figure.previous, figure.unit);
    if (figure.change_pct === null || figure.change_pct === undefined) {
      return { text: figure.previous === null ? "Nothing to compare last week"
                                              : `${prev} last week`, tone: "" };
    }
    const pct = figure.change_pct;
    const arrow = pct > 0 ? "▲" : pct < 0 ? "▼" : "■";
    const better = LOWER_IS_BETTER.has(figure.metric) ? pct < 0 : pct > 0;
    return { text: `${arrow} ${Math.abs(pct).toFixed(1)}% vs ${prev} last week`,
             tone: pct === 0 ? "" : better ? "up" : "down" };
  }

  function loadImpact() {
    const list = document.getElementById("figures");
    const range = document.getElementById("impact-range");
    const params = new URLSearchParams(now ? { now } : {});
    SL.api("GET", `/api/report/impact_this_week?${params}`)
      .then((body) => {
        range.textContent = `Week of ${body.from} – ${body.to}`;
        for (const figure of body.figures) {
          const item = list.querySelector(`[data-metric="${figure.metric}"]`);
          if (!item) continue;
          item.querySelector(".figure-value").textContent = SL.format(figure.value, figure.unit);
          const c = change(figure);
          const el = item.querySelector(".figure-change");
          el.textContent = c.text;
          el.className = "figure-change " + c.tone;
        }
        document.getElementById("impact-note").textContent = body.note;
        list.setAttribute("aria-busy", "false");
        impact.dataset.state = "done";
      })
      .catch((e) => {
        range.textContent = "";
        const note = document.getElementById("impact-note");
        note.textContent = `Impact this week could not be loaded: ${e.message}`;
        note.className = "status error";
        list.setAttribute("aria-busy", "false");
        impact.dataset.state = "error";
      });
  }

  // -- the charts -----------------------------------------------------------------------
  // The first day of a range of about `days` days ending on `to`, at the start of a
  // period of `by` (a Monday, the 1st), so the first bar is a whole week or month.
  function firstDay(to, days, by) {
    const d = new Date(to.getTime() - (days - 1) * 86400000);
    if (by === "week") d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
    if (by === "month" && d.getUTCDate() !== 1) return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    return d;
  }

  // The report configuration of a chart for the chosen range (the report URL's parameters).
  function config(chart) {
    const option = rangeSelect.selectedOptions[0];
    const params = new URLSearchParams();
    const days = option.dataset.days, by = option.dataset.by;
    if (days) {
      const to = anchorDay();
      params.set("from", iso(firstDay(to, Number(days), by)));
      params.set("to", iso(to));
    }
    if (chart.totals) params.set("view", "totals");
    else params.set("by", option.dataset.by);
    if (chart.group_by) params.set("group_by", chart.group_by);
    if (chart.top) params.set("top", String(chart.top));
    if (chart.chart && chart.chart !== "auto") params.set("chart", chart.chart);
    if (now) params.set("now", now);
    return params;
  }

  function drawTile(tile) {
    const chart = JSON.parse(tile.dataset.chart);
    const status = tile.querySelector(".tile-status");
    const plot = tile.querySelector(".tile-chart");
    const params = config(chart);
    const url = `/report/${chart.metric}?${params}`;
    tile.querySelectorAll("a").forEach((a) => { a.href = url; });
    tile.dataset.state = "loading";
    status.textContent = "Loading…";
    status.className = "status tile-status loading";
    SL.api("GET", `/api/report/${chart.metric}?${SL.apiParams(params)}`)
      .then((report) => {
        if (!report.rows.length || report.rows.every((r) => !r.n)) {
          Plotly.purge(plot);
          plot.hidden = true;
          status.textContent = "No data in this range.";
          status.className = "status tile-status empty";
        } else {
          status.textContent = report.from ? `${report.from} – ${report.to}` : "All time";
          status.className = "status tile-status";
          SL.draw(plot, report, { overTime: !chart.totals, chart: chart.chart,
                                  by: params.get("by"), label: chart.title, compare: false });
        }
        tile.dataset.state = "done";
      })
      .catch((e) => {
        status.textContent = e.message;
        status.className = "status tile-status error";
        tile.dataset.state = "error";
      });
  }

  function drawAll() {
    for (const tile of document.querySelectorAll("#ai-charts .tile")) drawTile(tile);
  }

  const chosen = new URLSearchParams(location.search).get("range");
  if (chosen && [...rangeSelect.options].some((o) => o.value === chosen)) rangeSelect.value = chosen;
  rangeSelect.addEventListener("change", () => {
    const url = new URL(location.href);
    url.searchParams.set("range", rangeSelect.value);
    history.replaceState(null, "", url);
    drawAll();
  });
  loadImpact();
  drawAll();
})();

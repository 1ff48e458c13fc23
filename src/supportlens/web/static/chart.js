// Drawing a report (the JSON of interfaces.md) as a Plotly chart and a table.
// Used by the report view and by dashboard tiles.
(function () {
  const PALETTE = ["#3056d3", "#12a4a0", "#f08c2e", "#8b5cf6", "#e5484d", "#6b7a90",
                   "#2fa84f", "#d6409f", "#b08800", "#0b7285"];

  // Date-axis ticks that match the report's frequency (bars centred on their period).
  const TICKS = {
    day: { tickformat: "%b %d" },
    week: { tickformat: "%b %d" },
    month: { dtick: "M1", tickformat: "%b %Y" },
    quarter: { dtick: "M3", tickformat: "Q%q %Y" },
    year: { dtick: "M12", tickformat: "%Y" },
  };

  // Metric id → unit, for figures named after a metric (a leaderboard's csat column…).
  const UNITS = JSON.parse(document.getElementById("units")?.textContent || "{}");

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return "—";
    const s = Math.round(seconds);
    const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600),
          m = Math.floor((s % 3600) / 60);
    if (d) return `${d}d ${h}h`;
    if (h) return `${h}h ${String(m).padStart(2, "0")}m`;
    if (m) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
    return `${s}s`;
  }

  function format(value, unit) {
    if (value === null || value === undefined) return "—";
    if (unit === "rate") return (value * 100).toFixed(1) + "%";
    if (unit === "seconds") return duration(value);
    if (Number.isInteger(value)) return value.toLocaleString("en");
    return value.toLocaleString("en", { maximumFractionDigits: 2 });
  }

  // Durations are plotted in the unit that suits the largest value (seconds, minutes,
  // hours or days), so a 13-second AI reply and a 2-day resolution both read naturally.
  const SCALES = [["seconds", 1], ["minutes", 60], ["hours", 3600], ["days", 86400]];

  function durationScale(report) {
    const largest = Math.max(0, ...report.rows.flatMap((r) => [r.value, r.previous])
      .filter((v) => typeof v === "number"));
    if (largest < 120) return SCALES[0];
    if (largest < 2 * 3600) return SCALES[1];
    if (largest < 2 * 86400) return SCALES[2];
    return SCALES[3];
  }

  function plotted(value, unit, scale) {
    if (value === null || value === undefined) return null;
    return unit === "seconds" ? value / scale[1] : value;
  }

  function axisTitle(unit, scale) {
    if (unit === "seconds") return scale[0];
    return { rate: "", count: "", score: "score", mean: "mean", ratio: "ratio",
             hours: "hours" }[unit] ?? unit;
  }

  function groupName(group, fallback) {
    const values = Object.values(group);
    return values.length ? values.map((v) => (v === null ? "(none)" : v)).join(" · ") : fallback;
  }

  // Chart type "auto": bars for counts, lines for rates and durations over time.
  function chartType(choice, report, overTime) {
    if (choice && choice !== "auto") return choice;
    if (!overTime) return "bar";
    return report.unit === "count" ? "bar" : "line";
  }

  function traces(report, type, overTime, label, compare) {
    const unit = report.unit;
    const scale = durationScale(report);
    if (!overTime) {
      const rows = report.rows;
      const names = rows.map((r) => groupName(r.group, label));
      const values = rows.map((r) => plotted(r.value, unit, scale));
      if (type === "pie") return [{ type: "pie", labels: names, values, hole: 0.45,
                                    marker: { colors: PALETTE }, sort: false }];
      const out = [{ type: "bar", x: names, y: values, name: label, marker: { color: PALETTE[0] } }];
      if (compare) out.push({ type: "bar", x: names, name: "previous period",
                              y: rows.map((r) => plotted(r.previous, unit, scale)),
                              marker: { color: "#c5ccd9" } });
      return out;
    }
    const series = new Map();
    for (const row of report.rows) {
      const name = groupName(row.group, label);
      if (!series.has(name)) series.set(name, { x: [], y: [], prev: [] });
      const s = series.get(name);
      s.x.push(row.period);
      s.y.push(plotted(row.value, unit, scale));
      s.prev.push(plotted(row.previous, unit, scale));
    }
    const out = [];
    let i = 0;
    for (const [name, s] of series) {
      const color = PALETTE[i++ % PALETTE.length];
      const base = { name, x: s.x, y: s.y };
      if (type === "bar") out.push({ ...base, type: "bar", marker: { color } });
      else out.push({ ...base, type: "scatter", mode: "lines+markers", connectgaps: false,
                      line: { color, width: 2 }, marker: { size: 5 },
                      fill: type === "area" ? "tozeroy" : "none" });
      if (compare && series.size === 1) {
        out.push({ name: "previous period", x: s.x, y: s.prev, type: "scatter",
                   mode: "lines", line: { color: "#9aa5b8", dash: "dot", width: 2 } });
      }
    }
    return out;
  }

  function draw(element, report, options) {
    const overTime = options.overTime;
    const type = chartType(options.chart, report, overTime);
    if (type === "table") { Plotly.purge(element); element.hidden = true; return; }
    element.hidden = false;
    const data = traces(report, type, overTime, options.label, options.compare);
    const layout = {
      margin: { t: 10, r: 10, b: 40, l: 56 }, barmode: "group", hovermode: "closest",
      bargap: !overTime && report.rows.length <= 3 ? 0.55 : 0.2,
      font: { family: "Inter, system-ui, sans-serif", size: 12, color: "#1d2330" },
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      showlegend: data.length > 1 || type === "pie",
      legend: { orientation: "h", y: -0.18 },
      xaxis: { gridcolor: "#eef0f4", automargin: true, type: overTime ? "date" : "category",
               ...(overTime ? TICKS[options.by] || {} : {}) },
      yaxis: { gridcolor: "#eef0f4", rangemode: "tozero", automargin: true,
               title: { text: axisTitle(report.unit, durationScale(report)) },
               tickformat: report.unit === "rate" ? ".0%" : "" },
      colorway: PALETTE,
    };
    Plotly.react(element, data, layout, { displaylogo: false, responsive: true,
                                          modeBarButtonsToRemove: ["select2d", "lasso2d"] });
  }

  function table(element, report, overTime) {
    const rows = report.rows;
    const dims = rows.length ? Object.keys(rows[0].group) : [];
    const extra = [];
    if (rows.some((r) => "median" in r)) extra.push(["median", "Median"], ["p90", "90th pct"]);
    if (rows.some((r) => "numerator" in r)) extra.push(["numerator", "Hits"]);
    if (rows.some((r) => "previous" in r)) extra.push(["previous", "Previous"], ["change_pct", "Change"]);
    // Figures a metric reports beside its value (mean_score, a leaderboard's columns…).
    const known = new Set(["period", "group", "value", "n", "median", "p90", "numerator",
                           "denominator", "previous", "change_pct"]);
    const own = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !known.has(k));
    own.forEach((k) => extra.push([k, k.replace(/_/g, " "), "own"]));
    const head = [...(overTime ? ["Period"] : []), ...dims.map((d) => d.replace(/_/g, " ")),
                  "Value", "Count", ...extra.map((e) => e[1])];
    const textColumns = (overTime ? 1 : 0) + dims.length;  // left-aligned, the rest numbers
    element.innerHTML = "";
    const thead = element.createTHead().insertRow();
    head.forEach((h, i) => { const th = document.createElement("th"); th.scope = "col";
      if (i < textColumns) th.className = "text";
      th.textContent = h.charAt(0).toUpperCase() + h.slice(1); thead.appendChild(th); });
    const body = element.createTBody();
    for (const row of rows) {
      const cells = [...(overTime ? [row.period] : []),
        ...dims.map((d) => row.group[d] ?? "(none)"), format(row.value, report.unit),
        (row.n ?? 0).toLocaleString("en")];
      for (const [key, , kind] of extra) {
        const v = row[key];
        if (kind === "own") cells.push(typeof v === "number" ? format(v, UNITS[key] || "mean") : v ?? "—");
        else if (key === "change_pct") cells.push(v === null || v === undefined ? "—"
          : `${v > 0 ? "+" : ""}${v.toFixed(1)}%`);
        else if (key === "numerator") cells.push(v ?? "—");
        else cells.push(format(v, report.unit));
      }
      const tr = body.insertRow();
      cells.forEach((v, i) => { const td = tr.insertCell(); td.textContent = v;
        if (i < textColumns) td.className = "text"; });
    }
  }

  // The API query of a report configuration (the report URL's parameters).
  function apiParams(config) {
    const params = new URLSearchParams();
    const totals = config.get("view") === "totals";
    for (const [key, value] of config) {
      if (!value || ["view", "chart", "range", "saved"].includes(key)) continue;
      if (key === "by" && totals) continue;
      params.append(key, value);
    }
    if (!totals && !config.get("by")) params.set("by", "week");
    return params;
  }

  window.SL = Object.assign(window.SL || {}, { draw, table, format, apiParams });
})();

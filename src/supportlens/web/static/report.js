// Report page: reads the filter form, fetches the JSON twin, draws chart and table.
(function () {
  const form = document.getElementById("filters");
  const status = document.getElementById("status");
  const metric = form.dataset.metric;
  const unit = form.dataset.unit;

  function query() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (!value) continue;
      if (key === "group_by") {
        value.split(",").map((s) => s.trim()).filter(Boolean)
          .forEach((g) => params.append("group_by", g));
      } else {
        params.append(key, value);
      }
    }
    return params;
  }

  function show(value) {
    if (value === null || value === undefined) return "—";
    if (unit === "rate") return (value * 100).toFixed(1) + "%";
    if (unit === "seconds") return (value / 3600).toFixed(2) + " h";
    return Number.isInteger(value) ? value.toLocaleString() : value.toFixed(2);
  }

  function groupName(group) {
    const values = Object.values(group);
    return values.length ? values.join(" · ") : metric;
  }

  function draw(report) {
    const series = new Map();
    for (const row of report.rows) {
      const name = groupName(row.group);
      if (!series.has(name)) series.set(name, { x: [], y: [] });
      series.get(name).x.push(row.period || name);
      series.get(name).y.push(unit === "seconds" && row.value !== null ? row.value / 3600
                              : row.value);
    }
    const traces = [...series].map(([name, s]) => ({ name, x: s.x, y: s.y, type: "bar" }));
    const title = unit === "seconds" ? "hours" : unit;
    Plotly.react("chart", traces, { barmode: "group", margin: { t: 20 },
      yaxis: { title: { text: title }, tickformat: unit === "rate" ? ".0%" : "" } },
      { displaylogo: false, responsive: true });
    const dims = report.rows.length ? Object.keys(report.rows[0].group) : [];
    const head = ["period", ...dims, "value", "n"];
    const table = document.getElementById("table");
    table.innerHTML = "";
    const tr = table.insertRow();
    head.forEach((h) => { const th = document.createElement("th"); th.textContent = h;
      tr.appendChild(th); });
    for (const row of report.rows) {
      const r = table.insertRow();
      [row.period || "total", ...dims.map((d) => row.group[d] ?? "—"), show(row.value), row.n]
        .forEach((v) => { r.insertCell().textContent = v; });
    }
    status.textContent = report.rows.length ? `${report.from} – ${report.to}` : "No data in this range.";
    status.className = "status";
  }

  async function load(event) {
    if (event) event.preventDefault();
    status.textContent = "Loading…";
    const response = await fetch(`/api/report/${metric}?${query()}`);
    const body = await response.json();
    if (!response.ok) {
      status.textContent = body.error;
      status.className = "status error";
      return;
    }
    draw(body);
  }

  form.addEventListener("submit", load);
  load();
})();

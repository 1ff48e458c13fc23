// Dashboard: draw every tile's saved report (its stored report-URL configuration), and
// for editors arrange the tiles: move earlier or later (buttons, so the keyboard works),
// half or full width. Every change is saved at once with PUT /api/dashboards/ID/layout.
(function () {
  const grid = document.getElementById("tiles");
  if (!grid) return;

  function draw(tile) {
    const config = new URLSearchParams(tile.dataset.query);
    const status = tile.querySelector(".tile-status");
    const chart = tile.querySelector(".tile-chart");
    const overTime = config.get("view") !== "totals";
    SL.api("GET", `/api/report/${tile.dataset.metric}?${SL.apiParams(config)}`)
      .then((report) => {
        if (!report.rows.length || report.rows.every((r) => !r.n)) {
          status.textContent = "No data in this range.";
          status.className = "status tile-status empty";
          return;
        }
        status.textContent = report.from ? `${report.from} – ${report.to}` : "";
        const choice = config.get("chart") === "table" ? "auto" : config.get("chart");
        SL.draw(chart, report, { overTime, chart: choice, by: config.get("by"), label: tile.querySelector("h2").textContent,
                                 compare: config.get("compare") === "previous" });
      })
      .catch((e) => {
        status.textContent = e.message;
        status.className = "status tile-status error";
      });
  }

  const tiles = () => [...grid.querySelectorAll(".tile")];
  const nameOf = (tile) => tile.querySelector("h2").textContent.trim();

  // The first tile cannot move earlier nor the last later: say so without losing focus.
  function markEdges() {
    const all = tiles();
    all.forEach((tile, i) => {
      const [up, down] = tile.querySelectorAll("button.move");
      if (!up) return;
      up.setAttribute("aria-disabled", String(i === 0));
      down.setAttribute("aria-disabled", String(i === all.length - 1));
    });
  }

  async function saveLayout(message) {
    const layout = tiles().map((t) => ({ report_id: Number(t.dataset.reportId), width: t.dataset.width }));
    try {
      await SL.api("PUT", `/api/dashboards/${grid.dataset.dashboardId}/layout`, { tiles: layout });
      SL.toast(message);
    } catch (e) {
      SL.toast(e.message, true);
    }
  }

  function resize(tile) {
    const chart = tile.querySelector(".tile-chart");
    if (chart.data && window.Plotly) Plotly.Plots.resize(chart);
  }

  grid.addEventListener("click", (event) => {
    const button = event.target.closest("button.move");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    const tile = button.closest(".tile");
    const later = button.dataset.move === "1";
    const other = later ? tile.nextElementSibling : tile.previousElementSibling;
    if (!other) return;
    if (later) other.after(tile); else other.before(tile);
    button.focus();
    markEdges();
    tiles().forEach(resize);
    saveLayout(`Moved “${nameOf(tile)}” ${later ? "later" : "earlier"}.`);
  });

  grid.addEventListener("change", (event) => {
    const select = event.target.closest("select.tile-width");
    if (!select) return;
    const tile = select.closest(".tile");
    tile.dataset.width = select.value;
    tile.classList.toggle("full", select.value === "full");
    tiles().forEach(resize);
    saveLayout(`“${nameOf(tile)}” is now ${select.value} width.`);
  });

  tiles().forEach(draw);
  markEdges();
})();

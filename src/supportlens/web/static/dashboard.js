// Dashboard: draw every tile's saved report (its stored report-URL configuration).
(function () {
  for (const tile of document.querySelectorAll(".tile")) {
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
})();

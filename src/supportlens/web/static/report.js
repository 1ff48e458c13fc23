// The report view. The page URL's query string is the whole configuration: every control
// writes it (history.replaceState), so "Copy report URL" and "Save report" keep all of it.
(function () {
  const form = document.getElementById("filters");
  const metric = form.dataset.metric;
  const $ = (id) => document.getElementById(id);
  const status = $("status"), chartEl = $("chart"), tableEl = $("table");
  const PICKERS = [...form.querySelectorAll("details.picker")];
  const FREQS = ["day", "week", "month", "quarter", "year"];
  let config = new URLSearchParams(location.search);
  let lastReport = null, loading = 0;

  // -- dates ------------------------------------------------------------------------
  const iso = (d) => d.toISOString().slice(0, 10);
  function today() {
    const now = config.get("now");
    const d = now ? new Date(now) : new Date();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  }
  function presetRange(preset) {
    const t = today(), y = t.getUTCFullYear(), m = t.getUTCMonth();
    const day = (yy, mm, dd) => new Date(Date.UTC(yy, mm, dd));
    if (/^\d+$/.test(preset)) return [day(y, m, t.getUTCDate() - Number(preset) + 1), t];
    if (preset === "this_month") return [day(y, m, 1), t];
    if (preset === "last_month") return [day(y, m - 1, 1), day(y, m, 0)];
    if (preset === "this_quarter") return [day(y, m - (m % 3), 1), t];
    if (preset === "this_year") return [day(y, 0, 1), t];
    return null;
  }
  // Frequencies that make sense for a range of `days` days.
  function fits(freq, days) {
    return { day: days <= 120, week: days >= 14 && days <= 1100, month: days >= 60,
             quarter: days >= 180, year: days >= 730 }[freq];
  }

  // -- filters <-> where strings ---------------------------------------------------
  function parseWhere(text) {
    const m = /^\s*([\w.]+)\s*(!=|=|not in|in)\s*(.*?)\s*$/i.exec(text);
    if (!m) return null;
    const list = m[3].replace(/^\(|\)$/g, "").split(",").map((s) => s.trim()).filter(Boolean);
    return { dim: m[1], op: m[2].toLowerCase(), values: list };
  }
  // A filter row: any dimension (suggestions from the group-by list; custom ticket
  // properties work too), an operator and a value or comma-separated values.
  function addFilterRow(dim = "", op = "=", value = "") {
    const row = document.createElement("div");
    row.className = "filter-row";
    row.innerHTML = `<input aria-label="Filter dimension" class="f-dim" list="dims-list"
        placeholder="dimension" autocomplete="off">
      <select aria-label="Filter operator" class="f-op"><option value="=">is</option>
      <option value="!=">is not</option><option value="in">is any of</option>
      <option value="not in">is none of</option></select>
      <input aria-label="Filter value" class="f-value" placeholder="value, or a, b">
      <button type="button" class="link" aria-label="Remove filter">✕</button>`;
    row.querySelector(".f-dim").value = dim;
    row.querySelector(".f-op").value = op;
    row.querySelector(".f-value").value = value;
    row.querySelector("button").addEventListener("click", () => { row.remove(); apply(); });
    $("extra-filters").appendChild(row);
    return row;
  }

  // -- config -> controls (on open) ------------------------------------------------
  function fill() {
    const range = config.get("range") || (config.get("from") || config.get("to") ? "custom" : "all");
    $("range").value = range;
    const preset = presetRange(range);
    $("from").value = preset ? iso(preset[0]) : config.get("from") || "";
    $("to").value = preset ? iso(preset[1]) : config.get("to") || "";
    if (config.get("by")) $("by").value = config.get("by");
    $("group_by").value = config.getAll("group_by")[0] || "";
    form.querySelector(`input[name=hours][value=${config.get("hours") === "business" ? "business" : "calendar"}]`).checked = true;
    $("top").value = config.get("top") || "";
    $("now").value = config.get("now") || "";
    $("chart-type").value = config.get("chart") || "auto";
    $("compare").checked = config.get("compare") === "previous";
    setView(config.get("view") === "totals" ? "totals" : "over_time", false);
    $("extra-filters").innerHTML = "";
    for (const w of config.getAll("where")) {
      const f = parseWhere(w);
      if (!f) continue;
      const picker = PICKERS.find((p) => p.dataset.dim === f.dim);
      if (picker && (f.op === "in" || f.op === "=")) { picker.dataset.want = f.values.join("\n"); continue; }
      addFilterRow(f.dim, f.op, f.values.join(", "));
    }
  }

  // -- controls -> config ------------------------------------------------------------
  function collect() {
    const next = new URLSearchParams();
    const range = $("range").value;
    if (range !== "all") next.set("range", range);
    if ($("from").value) next.set("from", $("from").value);
    if ($("to").value) next.set("to", $("to").value);
    next.set("view", currentView());
    next.set("by", $("by").value);
    if ($("group_by").value) next.append("group_by", $("group_by").value);
    for (const g of config.getAll("group_by").slice(1)) next.append("group_by", g);
    for (const picker of PICKERS) {
      const chosen = [...picker.querySelectorAll("input:checked")].map((o) => o.value);
      if (!picker.dataset.loaded && picker.dataset.want) {
        next.append("where", `${picker.dataset.dim} in (${picker.dataset.want.split("\n").join(",")})`);
      } else if (chosen.length) next.append("where", `${picker.dataset.dim} in (${chosen.join(",")})`);
    }
    for (const row of $("extra-filters").children) {
      const value = row.querySelector(".f-value").value.trim();
      const op = row.querySelector(".f-op").value, dim = row.querySelector(".f-dim").value.trim();
      if (!value || !/^[\w.]+$/.test(dim)) continue;
      const list = value.split(",").map((s) => s.trim()).filter(Boolean).join(",");
      next.append("where", op.includes("in") ? `${dim} ${op} (${list})` : `${dim}${op}${value}`);
    }
    const hours = form.querySelector("input[name=hours]:checked").value;
    if (hours === "business") next.set("hours", "business");
    if ($("compare").checked) next.set("compare", "previous");
    if ($("top").value) next.set("top", $("top").value);
    if ($("chart-type").value !== "auto") next.set("chart", $("chart-type").value);
    for (const key of ["now", "tz", "saved"]) if (config.get(key)) next.set(key, config.get(key));
    for (const o of config.getAll("option")) next.append("option", o);
    return next;
  }

  function currentView() {
    return form.ownerDocument.querySelector("[data-view][aria-pressed=true]").dataset.view;
  }
  function setView(view, reload = true) {
    document.querySelectorAll("[data-view]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === view)));
    $("by").disabled = view === "totals";
    if (reload) apply();
  }

  // -- loading -------------------------------------------------------------------------
  function showStatus(text, kind) {
    status.textContent = text;
    status.className = "status" + (kind ? " " + kind : "");
  }

  async function load() {
    const ticket = ++loading;
    showStatus("Loading…", "loading");
    document.body.classList.add("is-loading");
    try {
      const report = await SL.api("GET", `/api/report/${metric}?${SL.apiParams(config)}`);
      if (ticket !== loading) return;
      lastReport = report;
      render(report);
    } catch (e) {
      if (ticket !== loading) return;
      lastReport = null;
      Plotly.purge(chartEl);
      tableEl.innerHTML = "";
      showStatus(e.message, "error");
    } finally {
      if (ticket === loading) document.body.classList.remove("is-loading");
    }
  }

  function render(report) {
    const overTime = currentView() === "over_time";
    const empty = !report.rows.length || report.rows.every((r) => !r.n);
    const range = report.from ? `${report.from} – ${report.to}` : "all time";
    if (empty) {
      Plotly.purge(chartEl);
      chartEl.hidden = true;
      tableEl.innerHTML = "";
      showStatus(`No data for ${range}. Try a longer date range or fewer filters.`, "empty");
    } else {
      const total = report.rows.reduce((a, r) => a + (r.n || 0), 0);
      showStatus(`${range} · count ${total.toLocaleString("en")}`, "");
      SL.draw(chartEl, report, { overTime, chart: config.get("chart"), by: config.get("by"),
                                 label: $("report-title").textContent,
                                 compare: config.get("compare") === "previous" });
      SL.table(tableEl, report, overTime);
    }
    fitFrequencies(report);
    $("cli-equivalent").textContent = cliCommand();
  }

  function fitFrequencies(report) {
    if (!report.from || !report.to) return;
    const days = (Date.parse(report.to) - Date.parse(report.from)) / 86400000 + 1;
    const select = $("by");
    for (const option of select.options) option.disabled = !fits(option.value, days);
    if (select.selectedOptions[0]?.disabled) {
      const choice = ["week", "month", "day", "quarter", "year"].find((f) => fits(f, days)) || "day";
      select.value = choice;
      if (currentView() === "over_time") apply();
    }
  }

  function cliCommand() {
    const parts = [`supportlens report ${metric}`];
    for (const [k, v] of SL.apiParams(config)) {
      const flag = k === "group_by" ? "--group-by" : `--${k}`;
      parts.push(/[\s(),]/.test(v) ? `${flag} "${v}"` : `${flag} ${v}`);
    }
    return parts.join(" ");
  }

  function apply() {
    config = collect();
    history.replaceState(null, "", `${location.pathname}?${config}`);
    $("share").hidden = true;
    load();
  }

  // -- pickers (reps, teams, pipeline, channel) ------------------------------------------
  async function loadPicker(picker) {
    const dim = picker.dataset.dim;
    try {
      const data = await SL.api("GET", `/api/values/${metric}?dimension=${dim}`);
      const want = (picker.dataset.want || "").split("\n").filter(Boolean);
      const box = picker.querySelector(".options");
      for (const value of data.values.filter((v) => !/[,()]/.test(v))) {
        const label = document.createElement("label");
        const input = document.createElement("input");
        input.type = "checkbox";
        input.value = value;
        input.checked = want.includes(value);
        label.append(input, " " + value);
        box.appendChild(label);
      }
      picker.dataset.loaded = "1";
      delete picker.dataset.want;
      picker.hidden = data.values.length < 2;
      summarize(picker);
    } catch (e) {
      picker.remove();  // the metric has no such dimension
      PICKERS.splice(PICKERS.indexOf(picker), 1);
    }
  }
  function summarize(picker) {
    const chosen = [...picker.querySelectorAll("input:checked")].map((i) => i.value);
    picker.querySelector(".picked").textContent = !chosen.length ? "All"
      : chosen.length === 1 ? chosen[0] : `${chosen.length} chosen`;
    picker.classList.toggle("active", chosen.length > 0);
  }

  // -- actions -----------------------------------------------------------------------
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
  form.addEventListener("change", (e) => {
    if (e.target.id === "metric-select") {
      const keep = new URLSearchParams(config);
      keep.delete("option");
      location.href = `/report/${e.target.value}?${keep}`;
      return;
    }
    if (e.target.id === "range") {
      const r = presetRange(e.target.value);
      if (r) { $("from").value = iso(r[0]); $("to").value = iso(r[1]); }
      if (e.target.value === "all") { $("from").value = ""; $("to").value = ""; }
    }
    if (e.target.id === "from" || e.target.id === "to") $("range").value = "custom";
    if (e.target.matches(".f-value, .f-dim")) return;  // applied on Enter or Apply
    const picker = e.target.closest("details.picker");
    if (picker) summarize(picker);
    apply();
  });
  $("add-filter").addEventListener("click", () => addFilterRow().querySelector(".f-dim").focus());
  document.querySelectorAll("[data-view]").forEach((b) => b.addEventListener("click", () => setView(b.dataset.view)));
  $("chart-type").addEventListener("change", apply);
  $("compare").addEventListener("change", apply);

  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => {
      for (const t of document.querySelectorAll("[role=tab]")) {
        const on = t === tab;
        t.setAttribute("aria-selected", String(on));
        $(t.getAttribute("aria-controls")).hidden = !on;
      }
      if (tab.id === "tab-report") Plotly.Plots.resize(chartEl);
    });
  }

  $("copy-url").addEventListener("click", async () => {
    const url = location.href;
    $("share").hidden = false;
    $("share-url").value = url;
    $("share-url").select();
    try { await navigator.clipboard.writeText(url); SL.toast("Report URL copied."); }
    catch (e) { SL.toast("Copy the selected link with Ctrl+C."); }
  });
  $("export-csv").addEventListener("click", () => {
    const params = SL.apiParams(config);
    params.set("format", "csv");
    location.href = `/api/report/${metric}?${params}`;
  });
  $("export-png").addEventListener("click", () => {
    if (!lastReport || chartEl.hidden) { SL.toast("There is no chart to export.", true); return; }
    Plotly.downloadImage(chartEl, { format: "png", filename: metric, width: 1200, height: 600 });
  });

  // Save: a new saved report, or (opened from a saved report, `saved=ID` in the URL)
  // "Save" writes the changes over it and "Save as new" makes another.
  const dialog = $("save-dialog");
  if (dialog) {
    $("save-open").addEventListener("click", () => {
      $("save-name").value = dialog.dataset.savedName || ($("report-title").textContent +
        ($("group_by").value ? ` by ${$("group_by").value.replace(/_/g, " ")}` : ""));
      $("save-error").hidden = true;
      dialog.showModal();
    });
    $("save-cancel").addEventListener("click", () => dialog.close());
    $("save-dashboard").addEventListener("change", () => {
      $("new-dashboard-label").hidden = $("save-dashboard").value !== "new";
    });
    $("save-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const savedId = dialog.dataset.savedId;
      const overwrite = Boolean(savedId) && !(e.submitter && e.submitter.value === "new");
      const choice = $("save-dashboard").value;
      const query = new URLSearchParams(config);
      query.delete("saved");
      const body = { name: $("save-name").value, metric, query: query.toString() };
      if (choice === "new") body.new_dashboard = $("new-dashboard").value || "My dashboard";
      else if (choice) body.dashboard_id = Number(choice);
      try {
        const saved = overwrite ? await SL.api("PATCH", `/api/saved-reports/${savedId}`, body)
          : await SL.api("POST", "/api/saved-reports", body);
        dialog.close();
        if (!overwrite) {  // from now on this view is the new saved report
          config.set("saved", saved.id);
          history.replaceState(null, "", `${location.pathname}?${config}`);
          dialog.dataset.savedId = saved.id;
          $("save-as-new").hidden = false;
        }
        $("save-from").textContent = `Opened from the saved report “${saved.name}”: Save ` +
          "writes your changes over it, Save as new keeps it and makes another.";
        $("save-from").hidden = false;
        dialog.dataset.savedName = saved.name;
        if (saved.dashboard_id) {
          SL.toast("Saved to the dashboard.");
          const link = document.createElement("a");
          link.href = `/dashboards/${saved.dashboard_id}`;
          link.textContent = " Open the dashboard";
          link.id = "open-dashboard";
          $("toast").appendChild(link);
        } else if (overwrite) SL.toast(`Saved the changes to “${saved.name}”.`);
        else SL.toast("Saved. Find it under Saved reports.");
      } catch (err) {
        $("save-error").textContent = err.message;
        $("save-error").hidden = false;
      }
    });
  }

  fill();
  config = collect();
  history.replaceState(null, "", `${location.pathname}?${config}`);
  PICKERS.slice().forEach(loadPicker);
  load();
})();

// Knowledge gaps: the topic table (from /api/gaps), a topic's questions, and for editors
// the short-answer panel (preview, create and resolve) and dismissal. The open topic is in
// the URL (?topic=ID), so Back returns to the table; "Show resolved and dismissed" adds
// ?all=true (the API's too) and a status column. Texts are customers' words: they are
// only ever set with textContent.
(function () {
  const root = document.getElementById("gaps");
  const canEdit = root.dataset.canEdit === "true";
  const $ = (id) => document.getElementById(id);
  const status = $("gaps-status"), search = $("gap-search");
  const tableWrap = document.querySelector(".gaps-wrap");
  let topics = [];

  const when = (at) => at.replace("T", " ").slice(0, 16);
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const topicParam = () => new URLSearchParams(location.search).get("topic");
  const current = () => topics.find((t) => t.topic_id === topicParam());
  const showAll = $("show-all");
  showAll.checked = new URLSearchParams(location.search).get("all") === "true";
  const openOf = (topic) => topic.questions.filter((q) => q.status === "open");
  // A gaps-page URL keeping the "show resolved and dismissed" choice.
  function gapsUrl(topicId) {
    const params = new URLSearchParams();
    if (topicId) params.set("topic", topicId);
    if (showAll.checked) params.set("all", "true");
    return params.size ? `/gaps?${params}` : "/gaps";
  }
  const STATUS = { open: "Open", resolved: "Resolved", dismissed: "Dismissed" };
  const statusCell = (status) => el("td", { className: "text" },
    el("span", { className: `gap-status gap-${status}`, textContent: STATUS[status] || status }));

  function el(tag, props = {}, ...children) {
    const node = Object.assign(document.createElement(tag), props);
    for (const child of children) if (child !== null) node.append(child);
    return node;
  }

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = "status" + (kind ? " " + kind : "");
    status.hidden = !text;
  }

  // -- loading --------------------------------------------------------------------------
  async function load(quiet) {
    root.dataset.state = "loading";
    setStatus("Loading knowledge gaps…", "loading");
    try {
      topics = (await SL.api("GET", showAll.checked ? "/api/gaps?all=true" : "/api/gaps")).topics;
    } catch (e) {
      setStatus(`The knowledge gaps could not be loaded: ${e.message}`, "error");
      root.dataset.state = "error";
      return;
    }
    setStatus("", "");
    show(quiet);
    root.dataset.state = "done";
  }

  // quiet: the topic was just emptied here, so going back to the table needs no word.
  function show(quiet) {
    const wanted = topicParam();
    const topic = current();
    if (wanted && !topic) {
      if (quiet !== true) SL.toast("That topic has no open questions left.");
      history.replaceState(null, "", gapsUrl());
    }
    document.querySelectorAll(".status-col").forEach((th) => { th.hidden = !showAll.checked; });
    $("topics-view").hidden = Boolean(topic);
    $("topic-view").hidden = !topic;
    if (topic) showTopic(topic); else renderTable();
  }

  function go(url) {
    history.pushState(null, "", url);
    show();
  }

  // -- the topic table --------------------------------------------------------------------
  function renderTable() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = (t) => {
      const text = [t.label, ...t.questions.map((q) => q.text)].join(" ").toLowerCase();
      return words.every((w) => text.includes(w));
    };
    const shown = topics.filter(matches);
    const body = $("topics-table").tBodies[0];
    body.replaceChildren();
    for (const t of shown) {
      const link = el("a", { href: gapsUrl(t.topic_id),
                             className: "topic-link", textContent: t.label || t.topic_id });
      link.dataset.topic = t.topic_id;
      const first = el("span", { className: "topic-sample", textContent: t.questions[0]?.text || "" });
      const row = el("tr", {},
        el("td", { className: "text" }, link, first),
        el("td", { textContent: t.conversations.toLocaleString("en") }),
        el("td", { textContent: when(t.last_at) }));
      if (showAll.checked) row.append(statusCell(t.status));
      body.append(row);
    }
    const questions = topics.reduce((n, t) => n + t.questions.length, 0);
    const open = topics.reduce((n, t) => n + openOf(t).length, 0);
    const filtered = shown.length < topics.length ? `${shown.length} of ` : "";
    const closed = showAll.checked ? `, ${questions - open} resolved or dismissed` : "";
    $("gap-count").textContent = topics.length
      ? `${filtered}${plural(topics.length, "topic")}, ${plural(open, "open question")}${closed}` : "";
    $("gaps-empty").hidden = topics.length > 0;
    search.closest(".toolbar").hidden = topics.length === 0;
    tableWrap.hidden = shown.length === 0;
    if (topics.length && !shown.length) setStatus(`No topic or question mentions “${search.value}”.`, "empty");
    else if (topics.length) setStatus("", "");
  }

  search.addEventListener("input", renderTable);
  showAll.addEventListener("change", () => {
    history.replaceState(null, "", gapsUrl(topicParam()));
    load(true);
  });
  $("topics-table").addEventListener("click", (event) => {
    const link = event.target.closest("a.topic-link");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    go(link.getAttribute("href"));
    $("topic-title").focus();
  });
  $("back-to-topics").addEventListener("click", (event) => {
    event.preventDefault();
    go(gapsUrl());
    search.focus();
  });
  window.addEventListener("popstate", () => show());

  // -- one topic ----------------------------------------------------------------------------
  // The question to start from: the most common wording, else the most recent question.
  function suggestedQuestion(topic) {
    const counts = new Map();
    const questions = openOf(topic).length ? openOf(topic) : topic.questions;
    for (const q of questions) {
      const key = q.text.trim().toLowerCase();
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    let best = questions[0];
    for (const q of questions) {
      if (counts.get(q.text.trim().toLowerCase()) > counts.get(best.text.trim().toLowerCase())) best = q;
    }
    return best ? best.text.trim() : "";
  }

  function showTopic(topic) {
    $("topic-title").textContent = topic.label || topic.topic_id;
    $("topic-meta").textContent = `${plural(topic.conversations, "conversation")} · ` +
      `${plural(openOf(topic).length, "open question")}` +
      (showAll.checked ? ` · ${topic.questions.length - openOf(topic).length} resolved or dismissed` : "") +
      ` · last on ${when(topic.last_at)} UTC`;
    const body = $("questions-table").tBodies[0];
    body.replaceChildren();
    for (const q of topic.questions) {
      const ticket = q.url
        ? el("a", { href: q.url, target: "_blank", rel: "noopener noreferrer",
                    textContent: q.ticket_id, title: "Open the ticket in your helpdesk" })
        : el("span", { textContent: q.ticket_id });
      const row = el("tr", {});
      if (canEdit) {  // only open questions can be chosen, to resolve or dismiss
        const box = q.status === "open"
          ? el("input", { type: "checkbox", value: q.message_id, className: "pick" }) : null;
        if (box) box.setAttribute("aria-label", `Choose “${q.text.slice(0, 80)}”`);
        row.append(el("td", { className: "check-col" }, box));
      }
      row.append(el("td", { className: "text question-text", textContent: q.text }),
                 el("td", { className: "text" }, ticket),
                 el("td", { className: "text", textContent: when(q.at) }));
      if (showAll.checked) row.append(statusCell(q.status));
      body.append(row);
    }
    if (canEdit) resetPanel(topic);
  }

  // -- editing (editors only: the controls are not on a viewer's page) ------------------------
  if (!canEdit) { load(); return; }

  const form = $("answer-form"), errorBox = $("sa-error"), previewBox = $("sa-preview-box");
  const picked = () => [...document.querySelectorAll("#questions-table input.pick:checked")]
    .map((b) => b.value);

  function scope() {
    const topic = current(), chosen = picked();
    return chosen.length ? { message_ids: chosen } : { topic_id: topic.topic_id };
  }

  function updateScope() {
    const topic = current(), chosen = picked().length;
    if (!topic) return;
    const open = openOf(topic).length;
    $("sa-scope").textContent = chosen
      ? `Resolves the ${plural(chosen, "chosen question")}.`
      : `Resolves all ${plural(open, "open question")} of this topic ` +
        "(choose questions to resolve only those).";
    $("dismiss-selected").disabled = chosen === 0;
    $("dismiss-selected").textContent = chosen ? `Dismiss selected (${chosen})` : "Dismiss selected";
    const all = $("select-all");
    all.checked = chosen > 0 && chosen === open;
    all.indeterminate = chosen > 0 && chosen < open;
    all.disabled = open === 0;
    $("dismiss-topic").disabled = open === 0;
    document.querySelector(".answer-panel").hidden = open === 0;
  }

  function resetPanel(topic) {
    $("sa-question").value = suggestedQuestion(topic);
    $("sa-answer").value = "";
    errorBox.hidden = true;
    previewBox.hidden = true;
    $("select-all").checked = false;
    updateScope();
  }

  function fail(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  function body() {
    return { question: $("sa-question").value, answer: $("sa-answer").value, ...scope() };
  }

  function complete() {
    if (!$("sa-question").value.trim()) { fail("Write the question first."); $("sa-question").focus(); return false; }
    if (!$("sa-answer").value.trim()) { fail("Write the answer first."); $("sa-answer").focus(); return false; }
    errorBox.hidden = true;
    return true;
  }

  async function busy(button, work) {
    button.disabled = true;
    try { await work(); } catch (e) { fail(e.message); } finally { button.disabled = false; }
  }

  $("questions-table").addEventListener("change", (event) => {
    if (event.target.id === "select-all") {
      document.querySelectorAll("#questions-table input.pick")
        .forEach((b) => { b.checked = event.target.checked; });
    }
    previewBox.hidden = true;
    updateScope();
  });

  $("sa-preview").addEventListener("click", () => {
    if (!complete()) return;
    busy($("sa-preview"), async () => {
      const preview = await SL.api("POST", "/api/gaps/preview", body());
      previewBox.replaceChildren(
        el("p", { className: "preview-label", textContent: "The AI agent will learn" }),
        el("p", { className: "preview-q", textContent: preview.question }),
        el("p", { className: "preview-a", textContent: preview.answer }),
        el("p", { className: "hint", textContent: `Creating it resolves ${plural(preview.resolves.length, "question")}:` }),
        el("ul", {}, ...preview.resolves.map((q) => el("li", { textContent: `${q.text} (${q.ticket_id})` }))));
      previewBox.hidden = false;
    });
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!complete()) return;
    busy($("sa-create"), async () => {
      const made = await SL.api("POST", "/api/gaps/answers", body());
      SL.toast(`Short answer created: it resolves ${plural(made.resolved, "question")}.`);
      history.pushState(null, "", gapsUrl());
      await load(true);
      search.focus();
    });
  });

  async function dismiss(chosen, question) {
    if (!confirm(question)) return;
    try {
      const done = await SL.api("POST", "/api/gaps/dismiss", chosen);
      SL.toast(`Dismissed ${plural(done.dismissed, "question")}.`);
      await load(true);
    } catch (e) {
      SL.toast(e.message, true);
    }
  }

  $("dismiss-topic").addEventListener("click", () => {
    const topic = current();
    dismiss({ topic_id: topic.topic_id }, `Dismiss all ${plural(openOf(topic).length, "open question")} ` +
            `of “${topic.label}”? They leave the gaps table; new questions on it will show again.`);
  });
  $("dismiss-selected").addEventListener("click", () => {
    const chosen = picked();
    dismiss({ message_ids: chosen }, `Dismiss the ${plural(chosen.length, "chosen question")}? ` +
            "They leave the gaps table.");
  });

  load();
})();

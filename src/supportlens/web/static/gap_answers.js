// Short answers (editors): edit a row in place — question and answer become fields,
// Save sends PATCH /api/gaps/answers/<id>, Cancel or Escape puts the row back.
(function () {
  const table = document.getElementById("answers-table");

  function field(tag, value, label) {
    const input = document.createElement(tag);
    input.value = value;
    input.setAttribute("aria-label", label);
    if (tag === "textarea") input.rows = 4;
    return input;
  }

  function edit(row) {
    if (row.classList.contains("editing")) return;
    const q = row.querySelector(".sa-q"), a = row.querySelector(".sa-a");
    const actions = row.querySelector(".row-actions");
    const before = { q: q.textContent, a: a.textContent, actions: [...actions.childNodes] };
    const question = field("input", before.q, "Question"), answer = field("textarea", before.a, "Answer");
    const error = Object.assign(document.createElement("p"), { className: "alert", hidden: true });
    error.setAttribute("role", "alert");
    const save = Object.assign(document.createElement("button"),
                               { type: "button", className: "primary", textContent: "Save" });
    const cancel = Object.assign(document.createElement("button"),
                                 { type: "button", className: "secondary", textContent: "Cancel" });
    row.classList.add("editing");
    q.replaceChildren(question);
    a.replaceChildren(answer, error);
    actions.replaceChildren(save, cancel);

    const listening = new AbortController();
    function restore(text) {
      listening.abort();
      row.classList.remove("editing");
      q.textContent = text ? text.question : before.q;
      a.textContent = text ? text.answer : before.a;
      actions.replaceChildren(...before.actions);
      actions.querySelector(".sa-edit").focus();
    }
    cancel.addEventListener("click", () => restore(null));
    row.addEventListener("keydown", (event) => {
      if (event.key === "Escape") restore(null);
    }, { signal: listening.signal });
    save.addEventListener("click", async () => {
      save.disabled = true;
      try {
        const saved = await SL.api("PATCH", `/api/gaps/answers/${row.dataset.id}`,
                                   { question: question.value, answer: answer.value });
        restore(saved);
        SL.toast("Short answer saved.");
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
        save.disabled = false;
      }
    });
    question.focus();
  }

  table.addEventListener("click", (event) => {
    const button = event.target.closest(".sa-edit");
    if (button) edit(button.closest("tr"));
  });
})();

// Shared by every page: calls to the JSON API with the session's CSRF token, forms that
// post to the API (data-api), delete buttons (data-api-delete), role pickers, toasts.
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

  async function api(method, url, body) {
    const init = { method, headers: { "X-CSRF-Token": csrf, Accept: "application/json" } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (e) {
      throw new Error("The server cannot be reached. Check that supportlens is running.");
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(sentence(data.error || `The server answered ${response.status}.`));
    return data;
  }

  function sentence(text) {
    const s = String(text);
    return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?)]$/.test(s) ? "" : ".");
  }

  let toastTimer = null;
  function toast(message, isError) {
    const el = document.getElementById("toast");
    if (!el) return;
    el.textContent = message;
    el.className = "toast" + (isError ? " error" : "");
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.hidden = true; }, isError ? 8000 : 4000);
  }

  function showFormError(form, message) {
    const el = form.querySelector(".form-error");
    if (el) { el.textContent = message; el.hidden = !message; } else if (message) toast(message, true);
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-api]");
    if (!form) return;
    event.preventDefault();
    showFormError(form, "");
    const body = {};
    for (const [key, value] of new FormData(form)) if (key !== "csrf") body[key] = value;
    const button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    try {
      const result = await api(form.dataset.method || "POST", form.dataset.api, body);
      const then = form.dataset.then || "reload";
      if (then === "reload") location.reload();
      else if (then === "message") {  // say it's done and close the popover it was in
        form.reset();
        toast(form.dataset.message || "Done.");
        const details = form.closest("details");
        if (details) details.open = false;
      } else if (then === "open-dashboard") location.href = `/dashboards/${result.id}`;
      else if (then === "show-token") {
        document.getElementById("new-token").hidden = false;
        const input = document.getElementById("new-token-value");
        input.value = result.token;
        input.select();
        form.reset();
      }
    } catch (e) {
      showFormError(form, e.message);
    } finally {
      if (button) button.disabled = false;
    }
  });

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-api-delete]");
    if (!button) return;
    if (button.dataset.confirm && !confirm(button.dataset.confirm)) return;
    try {
      await api("DELETE", button.dataset.apiDelete);
      if (button.dataset.then) location.href = button.dataset.then; else location.reload();
    } catch (e) {
      toast(e.message, true);
    }
  });

  document.addEventListener("change", async (event) => {
    const select = event.target.closest("select[data-api-role]");
    if (!select) return;
    try {
      await api("PATCH", select.dataset.apiRole, { role: select.value });
      toast(`Role changed to ${select.value}.`);
    } catch (e) {
      toast(e.message, true);
      setTimeout(() => location.reload(), 1500);
    }
  });

  window.SL = Object.assign(window.SL || {}, { api, toast, sentence });
})();

// Report library: filter the quick answers and report cards as you type.
(function () {
  const input = document.getElementById("q");
  const noMatch = document.getElementById("no-match");
  if (!input || !noMatch) return;
  input.addEventListener("input", () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    document.querySelectorAll("[data-search]").forEach((a) => {
      const hit = words.every((w) => a.dataset.search.includes(w));
      a.parentElement.hidden = !hit;
      if (hit) shown += 1;
    });
    document.querySelectorAll("section.topic, section.quick").forEach((section) => {
      section.hidden = !section.querySelector("li:not([hidden])");
    });
    noMatch.hidden = shown > 0;
  });
})();

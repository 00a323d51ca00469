// The time slider of an assessment's timeline: moving it (or following a 查看此刻 link)
// fetches the sheet as it stood after that event and swaps it in, without reloading.
// Without this script the slider's form and the links load the whole page instead.
"use strict";

(() => {
  const form = document.querySelector("form.slider");
  const target = document.getElementById("sheet-at");
  if (!form || !target) return;
  const range = form.querySelector('input[type="range"]');
  const number = document.getElementById("event-number");
  let wanted = range.value;
  let controller = null;
  let timer = null;

  const moment = (n) => {
    const row = document.getElementById(`event-${n}`);
    return row ? row.dataset.moment : String(n);
  };

  const mark = (n) => {
    for (const row of document.querySelectorAll("tr.shown")) {
      row.classList.remove("shown");
      row.removeAttribute("aria-current");
    }
    for (const run of document.querySelectorAll("tbody.holds-shown")) {
      run.classList.remove("holds-shown");
    }
    const row = document.getElementById(`event-${n}`);
    if (row) {
      row.classList.add("shown");
      row.setAttribute("aria-current", "true");
      const run = row.closest("tbody.run");
      if (run) run.classList.add("holds-shown");
    }
  };

  // Keep the item the event changed in sight inside the sheet's scrolling box.
  const reveal = () => {
    const box = target.querySelector(".sheet-scroll");
    const changed = target.querySelector("tr.changed");
    if (box && changed) box.scrollTop = changed.offsetTop - box.clientHeight / 3;
  };

  // A whole sheet saved at once is many events: fold them under their summary line.
  const fold = (run, open) => {
    const button = run.querySelector("button.fold");
    for (const row of run.querySelectorAll("tr:not(.run-summary)")) row.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "收起" : "展开";
  };
  for (const run of document.querySelectorAll("tbody.run")) {
    const button = run.querySelector("button.fold");
    button.hidden = false;
    button.addEventListener("click", () => fold(run, button.getAttribute("aria-expanded") !== "true"));
    fold(run, false);
  }
  mark(range.value);
  reveal();

  const show = async (n, focus) => {
    range.value = n;
    number.textContent = n;
    range.setAttribute("aria-valuetext", moment(n));
    if (n === wanted && !focus) return;
    wanted = n;
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`${form.dataset.fragment}?event=${n}`, {
        credentials: "same-origin",
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      target.innerHTML = await response.text();
      mark(n);
      reveal();
      history.replaceState(null, "", `?event=${n}#sheet-at`);
      const heading = document.getElementById("moment-heading");
      if (focus && heading) heading.focus();
    } catch (error) {
      if (error.name !== "AbortError") form.submit();
    }
  };

  range.addEventListener("input", () => {
    number.textContent = range.value;
    clearTimeout(timer);
    timer = setTimeout(() => show(range.value, false), 150);
  });
  range.addEventListener("change", () => {
    clearTimeout(timer);
    show(range.value, false);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    show(range.value, false);
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.moment-link");
    if (!link) return;
    event.preventDefault();
    target.scrollIntoView({ block: "start" });
    show(link.dataset.event, true);
  });
})();

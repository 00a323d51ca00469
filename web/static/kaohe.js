// Kaohe's little shared script: confirmations before irreversible steps, fetch with the
// CSRF token of the session for pages that update part of themselves, a warning before
// leaving a page with unsaved changes, an error summary at the top that leads to each
// field, and a counter beside every field with a length limit.
"use strict";

(() => {
  const isField = (el) => el.name && !["hidden", "submit", "button", "reset"].includes(el.type);

  const changed = (el) => {
    if (!isField(el)) return false;
    if (el.type === "file") return el.files.length > 0;
    if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
    if (el.tagName === "SELECT") {
      const options = [...el.options];
      const start = Math.max(0, options.findIndex((o) => o.defaultSelected));
      return el.multiple ? options.some((o) => o.selected !== o.defaultSelected) : el.selectedIndex !== start;
    }
    return el.value !== el.defaultValue;
  };

  let sending = false;

  window.kaohe = {
    csrf() {
      const meta = document.querySelector('meta[name="csrf-token"]');
      return meta ? meta.content : "";
    },
    post(url, body) {
      return fetch(url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-CSRF-Token": window.kaohe.csrf() },
      });
    },
    /** The fields of a form that differ from what the page was served with. */
    changedFields(form) {
      return [...form.elements].filter(changed);
    },
    /** Whether a watched form (data-watch) holds something typed and not yet sent. */
    unsaved() {
      return [...document.querySelectorAll("form[data-watch]")].some(
        (form) => form.dataset.unsaved === "true" || window.kaohe.changedFields(form).length > 0,
      );
    },
    /** Show an error summary at the top of the page (as the server renders one) and
     *  move to it; problems are [{id, text}], each linking to its field. */
    errorSummary(title, problems) {
      document.getElementById("error-summary")?.remove();
      for (const said of document.querySelectorAll("main .notice.ok")) said.remove();
      const box = document.createElement("div");
      box.id = "error-summary";
      box.className = "error-summary";
      box.setAttribute("role", "alert");
      box.setAttribute("aria-labelledby", "error-summary-title");
      box.tabIndex = -1;
      const heading = document.createElement("h2");
      heading.id = "error-summary-title";
      heading.textContent = title;
      const list = document.createElement("ul");
      for (const problem of problems) {
        const link = document.createElement("a");
        link.href = `#${problem.id}`;
        link.textContent = problem.text;
        const item = document.createElement("li");
        item.append(link);
        list.append(item);
      }
      box.append(heading, list);
      const h1 = document.querySelector("main h1");
      if (h1) h1.insertAdjacentElement("afterend", box);
      else document.querySelector("main").prepend(box);
      box.focus();
    },
  };

  document.addEventListener("submit", (event) => {
    const form = event.target;
    const question = event.submitter?.dataset.confirm || form.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
    if (!event.defaultPrevented) sending = true;
  });

  window.addEventListener("beforeunload", (event) => {
    if (sending || !window.kaohe.unsaved()) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // A link of an error summary moves to its field (not just scrolls to it).
  document.addEventListener("click", (event) => {
    const link = event.target.closest(".error-summary a[href^='#']");
    const field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field || !field.matches("input, select, textarea")) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });

  // A field with a length limit (data-limit) counts what is typed beside it.
  const count = (field) => {
    const said = document.getElementById(`${field.id}-count`);
    if (!said) return;
    const limit = Number(field.dataset.limit);
    const used = [...field.value].length;
    said.textContent = used > limit ? `已输入 ${used} 字，超出 ${used - limit} 字（最多 ${limit} 字）` : `已输入 ${used} / ${limit} 字`;
    said.classList.toggle("over", used > limit);
  };
  document.addEventListener("input", (event) => {
    if (event.target.dataset?.limit) count(event.target);
  });

  document.addEventListener("DOMContentLoaded", () => {
    for (const field of document.querySelectorAll("[data-limit]")) count(field);
    document.getElementById("error-summary")?.focus();
  });
})();

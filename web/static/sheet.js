// The sheet's running subtotals: after a pause in typing, post the form to the preview
// endpoint (the server scores it with the domain's own rules, storing nothing) and show the
// section subtotals, item points, total and any value errors it reports. Without this
// script the page still works: the server computes everything when the sheet is saved.
"use strict";

(() => {
  const form = document.getElementById("sheet-form");
  if (!form || !form.dataset.preview) return;
  let timer = null;
  let asked = 0;

  const showError = (field, message) => {
    const id = `${field.id}-error`;
    let said = document.getElementById(id);
    if (!message) {
      if (said) said.remove();
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
      return;
    }
    if (!said) {
      said = document.createElement("p");
      said.className = "field-error";
      said.id = id;
      said.setAttribute("role", "alert");
      field.insertAdjacentElement("afterend", said);
    }
    said.textContent = message;
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", id);
  };

  const show = (data) => {
    for (const cell of document.querySelectorAll("[data-subtotal]")) {
      const value = data.sections[cell.dataset.subtotal];
      if (value !== undefined) cell.textContent = value;
    }
    for (const cell of document.querySelectorAll("[data-points]")) {
      const value = data.points[cell.dataset.points];
      if (value !== undefined) cell.textContent = value;
    }
    for (const cell of document.querySelectorAll("[data-sum]")) {
      const value = data[cell.dataset.sum];
      if (value !== undefined) cell.textContent = value;
    }
    for (const field of form.elements) {
      if (field.classList.contains("score")) showError(field, data.errors[field.id]);
    }
  };

  const refresh = async () => {
    const mine = ++asked;
    try {
      const response = await window.kaohe.post(form.dataset.preview, new FormData(form));
      if (!response.ok || mine !== asked) return;
      show(await response.json());
    } catch (_) {
      // The preview is a convenience; saving still checks and scores everything.
    }
  };

  document.addEventListener("input", (event) => {
    if (event.target.form !== form || !event.target.classList.contains("score")) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
})();

// Submitting sends the sheet form's typed scores with it (the server saves them first); a
// small form (deduction, bonus, withdrawal, veto, evidence) holding something typed and not
// yet sent would be dropped, so the submit is refused until it is sent or cleared.
(() => {
  const button = document.getElementById("submit-sheet");
  if (!button) return;
  const labelOf = (field) => {
    const label = document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
    return (label ? label.textContent : field.name).trim();
  };
  const whereOf = (field) => {
    const row = field.closest("tr[id^='item-']");
    return row ? `第 ${row.id.slice(5)} 项` : "佐证材料";
  };
  button.addEventListener("click", (event) => {
    const problems = [];
    for (const form of document.querySelectorAll("form.part-form, form.evidence-form")) {
      const send = form.querySelector("button[type=submit]").textContent.trim();
      for (const field of window.kaohe.changedFields(form)) {
        problems.push({
          id: field.id,
          text: `${whereOf(field)}「${labelOf(field)}」已填写，但尚未点“${send}”：请先点“${send}”，或清空后再提交。`,
        });
      }
    }
    if (!problems.length) return;
    event.preventDefault();
    window.kaohe.errorSummary(`未提交：有 ${problems.length} 处填写的内容尚未保存`, problems);
  });
})();

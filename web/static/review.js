// The review page: a reason field shows beside an item once it is ticked for return, and
// the return form lists the ticked items (without script every field simply shows).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const boxes = [...document.querySelectorAll('input[type=checkbox][form="return-form"]')];
  const summary = document.getElementById("ticked-items");
  const refresh = () => {
    const ticked = boxes.filter((box) => box.checked).map((box) => `第${box.value}项`);
    if (summary) summary.textContent = ticked.length ? ticked.join("、") : "无";
  };
  for (const box of boxes) {
    const field = document.querySelector(`.reason-field[data-for="${CSS.escape(box.id)}"]`);
    if (!field) continue;
    const input = field.querySelector("input");
    const show = () => { field.hidden = !box.checked && !input.value && !input.getAttribute("aria-invalid"); };
    show();
    box.addEventListener("change", () => {
      show();
      if (box.checked) input.focus();
      refresh();
    });
  }
  refresh();
});

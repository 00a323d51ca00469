// Kaohe's little shared script: confirmations before irreversible steps, and fetch with the
// CSRF token of the session for pages that update part of themselves.
"use strict";

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
};

document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

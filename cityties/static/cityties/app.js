// Small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Buttons that ask for confirmation carry data-confirm instead of inline handlers (CSP).
  document.body.addEventListener("submit", (event) => {
    const form = event.target;
    const message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // After a refused submit, the summary of errors takes the focus, so that it is read first.
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }

  // The phone menu: the disclosure button only exists once this script runs, so without
  // JavaScript the whole menu stays visible.
  const toggle = document.querySelector(".nav-toggle");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }
});

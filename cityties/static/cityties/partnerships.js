// Partnership form: a text box that narrows the long list of governments to choose from.
// Without this file the full list is still there, so nothing depends on it.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("partner-filter");
  const list = document.querySelector(".choice-list");
  if (!box || !list) {
    return;
  }
  box.hidden = false;
  box.closest("[data-partner-filter]").hidden = false;
  box.addEventListener("input", () => {
    const needle = box.value.trim().toLocaleLowerCase();
    for (const item of list.querySelectorAll("div")) {
      const text = item.textContent.toLocaleLowerCase();
      const checked = item.querySelector("input:checked") !== null;
      item.hidden = needle !== "" && !checked && !text.includes(needle);
    }
  });
});

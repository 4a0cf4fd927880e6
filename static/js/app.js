// Small behaviours that need no inline script (the CSP forbids it).
document.addEventListener("click", function (e) {
  const t = e.target.closest("[data-confirm]");
  if (t && !window.confirm(t.dataset.confirm)) { e.preventDefault(); e.stopPropagation(); }
}, true);
document.addEventListener("change", function (e) {
  const t = e.target.closest("[data-autosubmit]");
  if (t && t.form) { t.form.requestSubmit(); }
});
// Filter a long checkbox list by the text typed into [data-filter-for].
document.addEventListener("input", function (e) {
  const box = e.target.closest("[data-filter-for]");
  if (!box) return;
  const q = box.value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();
  document.querySelectorAll(box.dataset.filterFor).forEach(function (el) {
    const text = el.textContent.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase();
    el.hidden = q && !text.includes(q);
  });
});
// A "select all" checkbox: [data-check-all] is the selector of the boxes it ticks or clears.
document.addEventListener("change", function (e) {
  const all = e.target.closest("[data-check-all]");
  if (!all) return;
  document.querySelectorAll(all.dataset.checkAll).forEach(function (box) { box.checked = all.checked; });
});
// Unit tree: the first click loads the children (htmx), later clicks fold and unfold.
document.addEventListener("click", function (e) {
  const btn = e.target.closest("[data-tree-toggle]");
  if (!btn) return;
  const list = btn.closest("li").querySelector(":scope > ul");
  const open = btn.getAttribute("aria-expanded") === "true";
  if (!btn.dataset.loaded) {          // htmx fetches on this click
    btn.dataset.loaded = "1";
    btn.setAttribute("aria-expanded", "true"); btn.textContent = "−";
    return;
  }
  e.preventDefault(); e.stopImmediatePropagation();
  list.hidden = open;
  btn.setAttribute("aria-expanded", open ? "false" : "true");
  btn.textContent = open ? "+" : "−";
}, true);
// File pickers (core.forms.VNFileInput): a Vietnamese button and the chosen file's name,
// in place of the browser's own "Choose File / No file chosen". Without this script the
// browser's input is shown as it is.
document.documentElement.classList.add("js");
document.addEventListener("change", function (e) {
  const input = e.target.closest(".filepicker-input");
  if (!input) return;
  const name = input.closest(".filepicker").querySelector(".filepicker-name");
  const files = Array.from(input.files || []).map(function (f) { return f.name; });
  name.textContent = files.length ? files.join(", ") : name.dataset.empty;
  name.classList.toggle("chosen", files.length > 0);
});

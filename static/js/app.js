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
// in place of the browser's own "Choose File / No file chosen". A file input written by hand
// in a template gets the same picker here. Without this script the browser's input is shown.
document.documentElement.classList.add("js");
const FILE_EMPTY = "Chưa chọn tệp nào";
let pickerCount = 0;
function vnFilePickers(root) {
  (root || document).querySelectorAll("input[type=file]").forEach(function (input) {
    if (input.closest(".filepicker")) return;
    if (!input.id) { pickerCount += 1; input.id = "filepicker-" + pickerCount; }
    input.classList.add("filepicker-input");
    const box = document.createElement("span");
    box.className = "filepicker";
    const button = document.createElement("label");
    button.className = "btn filepicker-button";
    button.htmlFor = input.id;
    button.textContent = "Chọn tệp";
    const name = document.createElement("span");
    name.className = "filepicker-name";
    name.dataset.empty = FILE_EMPTY;
    name.textContent = FILE_EMPTY;
    input.parentNode.insertBefore(box, input);
    box.append(input, button, name);
  });
}
document.addEventListener("DOMContentLoaded", function () { vnFilePickers(document); });
document.addEventListener("htmx:load", function (e) { vnFilePickers(e.target); });
document.addEventListener("change", function (e) {
  const input = e.target.closest(".filepicker-input");
  if (!input) return;
  const name = input.closest(".filepicker").querySelector(".filepicker-name");
  const files = Array.from(input.files || []).map(function (f) { return f.name; });
  name.textContent = files.length > 1 ? files.length + " tệp: " + files.join(", ") : files.length ? files[0] : name.dataset.empty;
  name.classList.toggle("chosen", files.length > 0);
});

// The browser's own validation messages ("Please fill out this field.", "Please select one of
// these options.") are in the browser's language: each says here, in Vietnamese, what is missing
// and where (the field's label).
function fieldName(el) {
  let text = "";
  const group = el.type === "radio" || el.type === "checkbox" ? el.closest("fieldset") : null;
  if (group && group.querySelector("legend")) text = group.querySelector("legend").textContent;
  else if (el.labels && el.labels.length) text = el.labels[0].textContent;
  else text = el.getAttribute("aria-label") || el.getAttribute("placeholder") || el.getAttribute("title") || "";
  if (el.type === "file" && el.labels && el.labels.length > 1) text = el.labels[0].textContent;
  text = text.replace(/\*/g, "").replace(/Chọn tệp/g, "").replace(/\s+/g, " ").trim().replace(/[:.…]+$/, "");
  return text ? "“" + text + "”" : "";
}
function vnMessage(el) {
  const v = el.validity, name = fieldName(el), at = name ? " " + name : "";
  if (v.valueMissing) {
    if (el.type === "radio") return "Chưa chọn" + (at || " một trong các lựa chọn") + ".";
    if (el.type === "checkbox") return "Cần đánh dấu" + (at || " ô này") + " để tiếp tục.";
    if (el.type === "file") return "Chưa chọn tệp" + (name ? " cho " + name : "") + ".";
    if (el.tagName === "SELECT") return "Chưa chọn" + (at || " một mục trong danh sách") + ".";
    return "Chưa nhập" + (at || " thông tin này") + ".";
  }
  if (v.typeMismatch) return el.type === "email" ? (name || "Địa chỉ thư điện tử") + " chưa đúng dạng (ví dụ: ten@coquan.gov.vn)."
                                                 : (name || "Giá trị") + " chưa đúng dạng.";
  if (v.badInput) return (name || "Giá trị") + " phải là một số.";
  if (v.rangeUnderflow) return (name || "Giá trị") + " phải từ " + el.min + " trở lên.";
  if (v.rangeOverflow) return (name || "Giá trị") + " tối đa là " + el.max + ".";
  if (v.stepMismatch) return (name || "Giá trị") + " phải là số nguyên" + (el.step && el.step !== "1" ? " (bước " + el.step + ")" : "") + ".";
  if (v.tooLong) return (name || "Nội dung") + " dài tối đa " + el.maxLength + " ký tự.";
  if (v.tooShort) return (name || "Nội dung") + " cần ít nhất " + el.minLength + " ký tự.";
  if (v.patternMismatch) return (name || "Giá trị") + " chưa đúng dạng" + (el.title ? ": " + el.title : "") + ".";
  return "Giá trị" + at + " chưa hợp lệ.";
}
document.addEventListener("invalid", function (e) {
  const el = e.target;
  if (!el.setCustomValidity) return;
  el.setCustomValidity("");
  if (!el.validity.valid) el.setCustomValidity(vnMessage(el));
}, true);
function clearMessage(e) {
  const el = e.target;
  if (!el || !el.setCustomValidity) return;
  if (el.type === "radio" && el.form && el.name) {
    el.form.querySelectorAll("input[type=radio]").forEach(function (r) { if (r.name === el.name) r.setCustomValidity(""); });
  } else {
    el.setCustomValidity("");
  }
}
document.addEventListener("input", clearMessage, true);
document.addEventListener("change", clearMessage, true);

// A text that follows another field ([data-follows] names it, [data-template] says how, e.g.
// "Đề nghị khen thưởng tổng kết năm {year}"): rewritten when that field changes, unless the
// person has typed their own.
function followedValue(el) {
  const source = document.querySelector(el.dataset.follows);
  return source ? source.value : "";
}
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-follows][data-template]").forEach(function (el) {
    el.dataset.followed = followedValue(el);
  });
});
document.addEventListener("input", function (e) {
  document.querySelectorAll("[data-follows][data-template]").forEach(function (el) {
    if (e.target !== document.querySelector(el.dataset.follows)) return;
    const before = el.dataset.template.replace("{year}", el.dataset.followed || "");
    const now = e.target.value.trim();
    if ((el.value.trim() === before || el.value.trim() === "") && /^[0-9]{4}$/.test(now)) {
      el.value = el.dataset.template.replace("{year}", now);
    }
    if (/^[0-9]{4}$/.test(now)) el.dataset.followed = now;
  });
});

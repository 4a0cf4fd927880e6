// The eligible list (one award): how many are ticked, and "select all N" — every person the filters keep, on every
// page (the server takes the filters again, not the ticks). No inline script: the CSP forbids it.
(function () {
  "use strict";
  const form = document.getElementById("propose");
  if (!form) return;
  const all = form.querySelector("[data-select-all]");
  const out = form.querySelector("[data-selected-count]");
  const head = form.querySelector("[data-check-all]");
  if (!out) return;
  const boxes = function () { return Array.from(form.querySelectorAll("input[name=pick]")); };
  const fmt = function (n) { return Number(n).toLocaleString("vi-VN"); };
  function update() {
    const ticked = boxes().filter(function (b) { return b.checked; }).length;
    if (all && all.checked) {
      out.textContent = "Đã chọn tất cả " + fmt(all.dataset.total) + " kết quả đang lọc";
    } else {
      out.textContent = ticked ? "Đã chọn " + fmt(ticked) + " trên trang này" : "Chưa chọn ai";
    }
    out.classList.toggle("muted", !(ticked || (all && all.checked)));
  }
  form.addEventListener("change", function (e) {
    const t = e.target;
    if (all && t === all) {
      boxes().forEach(function (b) { b.checked = all.checked; });
      if (head) head.checked = all.checked;
    } else if (all && (t.name === "pick" || t === head) && !t.checked) {
      all.checked = false;  // one taken off: no longer "everyone the filters keep"
    }
    window.setTimeout(update, 0);  // after app.js's [data-check-all] has ticked the page
  });
  update();
})();

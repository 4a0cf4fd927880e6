// The member's ballot (no inline script: the CSP forbids it).
// "Đồng ý tất cả" ticks "Đồng ý" on every line not yet chosen, in one click; the member changes any line after.
// A line the member asks not to vote on is greyed out and keeps its tick (the server leaves it out of the count), so
// that changing their mind gives it back; every other line keeps its own. A line tells how many are still to choose.
(function () {
  "use strict";
  const form = document.querySelector("form.ballot");
  if (!form) return;
  const progress = form.querySelector("[data-ballot-progress]");
  const lines = function () {
    return Array.from(form.querySelectorAll(".ballot-line")).filter(function (l) { return l.querySelector("input[type=radio]"); });
  };
  const recused = function (l) { const box = l.querySelector("[data-recuse]"); return !!(box && box.checked); };
  const chosen = function (l) { return !!l.querySelector("input[type=radio]:checked"); };
  function mark(line) { line.classList.toggle("is-recusing", recused(line)); }
  function count(note) {
    if (!progress) return;
    const open = lines().filter(function (l) { return !recused(l); });
    const todo = open.filter(function (l) { return !chosen(l); }).length;
    progress.textContent = (note ? note + " " : "") + (todo ? "Còn " + todo + "/" + open.length + " dòng chưa chọn ý kiến."
      : "Đã chọn ý kiến cho cả " + open.length + " dòng.");
    progress.classList.toggle("muted", !!todo);
  }
  const all = form.querySelector("[data-agree-all]");
  if (all) {
    all.hidden = false;
    all.addEventListener("click", function () {
      let n = 0;
      lines().forEach(function (l) {
        if (recused(l) || chosen(l)) return;
        const agree = l.querySelector("input[type=radio][value=agree]");
        if (agree) { agree.checked = true; n += 1; }
      });
      count(n ? "Đã chọn “Đồng ý” cho " + n + " dòng chưa chọn; vẫn đổi được từng dòng trước khi bấm “Bỏ phiếu”."
        : "Mọi dòng đã có ý kiến.");
    });
  }
  form.addEventListener("change", function (e) {
    const line = e.target.closest(".ballot-line");
    if (line && e.target.matches("[data-recuse]")) mark(line);
    count();
  });
  lines().forEach(mark);
  if (progress && progress.textContent.indexOf("Đã chọn “Đồng ý”") !== 0) count();
})();

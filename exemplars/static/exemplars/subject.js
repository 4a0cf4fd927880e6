// The proposal form shows only the fields of the subject chosen (a person of the unit, a collective, an outsider).
(function () {
  var form = document.querySelector(".exemplar-form");
  if (!form) return;
  function show() {
    var chosen = form.querySelector("input[name=subject_kind]:checked");
    var kind = chosen ? chosen.value : "";
    form.querySelectorAll("[data-kind]").forEach(function (el) { el.hidden = el.dataset.kind !== kind; });
  }
  form.querySelectorAll("input[name=subject_kind]").forEach(function (r) { r.addEventListener("change", show); });
  show();
})();

// Behaviour that the pages ask for by data attributes; no inline scripts, so a strict
// Content-Security-Policy can forbid them.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
// Upload progress for long roster imports (htmx reports xhr progress events).
document.addEventListener("htmx:xhr:progress", function (event) {
  var bar = document.getElementById("upload-progress");
  if (bar && event.detail.lengthComputable) {
    bar.setAttribute("value", (event.detail.loaded / event.detail.total) * 100);
  }
});
// Long imports: show the button as busy until the server answers.
document.addEventListener("submit", function (event) {
  if (event.defaultPrevented) return;
  event.target.querySelectorAll("[data-busy-on-submit]").forEach(function (button) {
    button.setAttribute("aria-busy", "true");
  });
});
document.addEventListener("click", function (event) {
  var copy = event.target.closest("[data-copy]");
  if (copy) {
    var source = document.querySelector(copy.getAttribute("data-copy"));
    source.select();
    if (navigator.clipboard) { navigator.clipboard.writeText(source.value); } else { document.execCommand("copy"); }
    copy.setAttribute("aria-busy", "false");
  }
  if (event.target.closest("[data-print]")) { window.print(); }
});

// Behaviour that the pages ask for by data attributes; no inline scripts, so a strict
// Content-Security-Policy can forbid them.
document.addEventListener("submit", function (event) {
  var form = event.target;
  // A button may ask for itself (one of several on the form), else the form asks.
  var button = event.submitter;
  var message =
    (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
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
// The voting code travels in the slip's link after '#', so it never reaches a server log.
document.addEventListener("DOMContentLoaded", function () {
  var input = document.querySelector("[data-code-from-fragment]");
  var match = window.location.hash.match(/code=([A-Za-z0-9-]+)/);
  if (input && match && !input.value) { input.value = match[1]; }
});
// Speech countdown: computed from the start time the server holds, so every screen agrees.
(function () {
  var offset = null;
  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var started = el.getAttribute("data-started");
      if (!started) { return; }
      if (offset === null) { offset = Date.parse(el.getAttribute("data-server-now")) - Date.now(); }
      var total = parseInt(el.getAttribute("data-seconds"), 10);
      var left = Math.round(total - (Date.now() + offset - Date.parse(started)) / 1000);
      var abs = Math.abs(left);
      var text = Math.floor(abs / 60) + ":" + String(abs % 60).padStart(2, "0");
      el.textContent = left < 0 ? "+" + text : text;
      el.classList.toggle("warning", left >= 0 && left <= 60);
      el.classList.toggle("overtime", left < 0);
    });
  }
  setInterval(tick, 250);
  document.addEventListener("htmx:afterSwap", tick);
})();
// The expert's running total.
document.addEventListener("input", function (event) {
  var form = event.target.closest("[data-running-total]");
  if (!form) { return; }
  var total = 0;
  form.querySelectorAll("[data-score]").forEach(function (el) {
    var v = parseFloat(el.value);
    if (!isNaN(v)) { total += v; }
  });
  form.querySelector("[data-total]").textContent = String(Math.round(total * 10) / 10);
});
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("[data-running-total] [data-score]");
  if (form) { form.dispatchEvent(new Event("input", { bubbles: true })); }
});

// Orientir: the only script. Pages work without it; it saves a click where a form's lists depend
// on the chosen region (the same "update the lists" button a visitor without JavaScript presses).
(function () {
  'use strict';
  document.addEventListener('change', function (e) {
    var el = e.target;
    if (!el || !el.hasAttribute || !el.hasAttribute('data-refresh') || !el.form) return;
    var button = el.form.querySelector('button[name="_refresh"]');
    if (button) button.click();
  });
  // After a refresh or a failed submit, bring the keyboard user back to the error summary.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
  // A box that scrolls sideways (a wide table on a phone) must be reachable by keyboard.
  function focusableScrollers() {
    document.querySelectorAll('.scroll, table.data').forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute('tabindex')) box.setAttribute('tabindex', '0');
    });
  }
  focusableScrollers();
  window.addEventListener('resize', focusableScrollers);
})();

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
})();

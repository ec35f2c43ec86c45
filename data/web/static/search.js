// Type-ahead for search boxes marked data-suggest: asks /api/v1/suggest after a short pause and
// shows the completions as links under the box (arrow keys move through them, Escape closes).
(function () {
  'use strict';
  var timer = null;
  function close(list) { if (list && list.parentNode) list.parentNode.removeChild(list); }
  function href(c) {
    var paths = { practice: '/practices/', organisation: '/organisations/', person: '/persons/', adoption: '/adoptions/' };
    return (paths[c.kind] || '/search?q=') + encodeURIComponent(paths[c.kind] ? c.id : c.title);
  }
  function attach(input) {
    var list = null;
    var wrap = input.parentNode;
    input.setAttribute('aria-autocomplete', 'list');
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(list); list = null; return; }
      timer = setTimeout(function () {
        fetch(input.getAttribute('data-suggest') + '?limit=8&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (d) {
            close(list);
            list = null;
            if (!d.items || !d.items.length || input.value.trim() !== q) return;
            list = document.createElement('ul');
            list.className = 'suggest';
            list.id = input.id + '-suggest';
            d.items.forEach(function (c) {
              var li = document.createElement('li');
              var a = document.createElement('a');
              a.href = href(c);
              a.textContent = c.title;
              li.appendChild(a);
              list.appendChild(li);
            });
            wrap.appendChild(list);
            input.setAttribute('aria-controls', list.id);
          })
          .catch(function () {});
      }, 150);
    });
    input.addEventListener('keydown', function (e) {
      if (!list) return;
      if (e.key === 'Escape') { close(list); list = null; }
      if (e.key === 'ArrowDown') { var a = list.querySelector('a'); if (a) { e.preventDefault(); a.focus(); } }
    });
    wrap.addEventListener('keydown', function (e) {
      if (!list || !e.target.closest || !e.target.closest('.suggest')) return;
      var li = e.target.parentNode;
      if (e.key === 'ArrowDown' && li.nextSibling) { e.preventDefault(); li.nextSibling.firstChild.focus(); }
      if (e.key === 'ArrowUp') { e.preventDefault(); if (li.previousSibling) li.previousSibling.firstChild.focus(); else input.focus(); }
      if (e.key === 'Escape') { close(list); list = null; input.focus(); }
    });
    document.addEventListener('click', function (e) { if (list && !wrap.contains(e.target)) { close(list); list = null; } });
  }
  var inputs = document.querySelectorAll('input[data-suggest]');
  for (var i = 0; i < inputs.length; i++) attach(inputs[i]);
})();

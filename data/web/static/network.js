// The network page's graph: reads the network from the JSON API named in data-src and draws it with
// Cytoscape.js (served from /static). The page's tables carry the same facts without script.
(function () {
  'use strict';
  var el = document.getElementById('network-graph');
  if (!el || !window.cytoscape) return;
  var ROLE = { source: '#e07b00', hub: '#7b3fa0', adopter: '#2166ac', isolated: '#adb5bd' };
  // English pages ask the API for English names (docs/api.md, «Language»).
  var headers = { Accept: 'application/json', 'Accept-Language': el.getAttribute('data-lang') === 'en' ? 'en' : 'ru' };
  // Nodes stand where the server placed them (the tile map: same data, same picture); a label keeps to
  // its tile's box, in at most two lines.
  function label(n) {
    var t = n.region.short_name || n.region.name;
    return t.length > 34 ? t.slice(0, 33) + '…' : t;
  }
  // Draws `elements` into the container with the shared style; a tap on a node opens href(id) when given.
  function mount(elements, layout, href) {
    el.textContent = '';
    // Cytoscape adds a <style> element (refused by the CSP) unless one with this id exists; the rule it
    // would add lives in orientir.css.
    if (!document.getElementById('__________cytoscape_stylesheet')) {
      var marker = document.createElement('meta');
      marker.id = '__________cytoscape_stylesheet';
      document.head.appendChild(marker);
    }
    var cy = window.cytoscape({
      container: el,
      elements: elements,
      style: [
        { selector: 'node', style: { 'background-color': 'data(color)', label: 'data(label)', width: 'data(size)', height: 'data(size)',
          'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3, color: '#1b1f24', 'text-outline-color': '#fff', 'text-outline-width': 2,
          'text-wrap': 'wrap', 'text-max-width': 110 } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
          'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.8 } },
        { selector: 'edge.inferred', style: { 'line-style': 'dashed', opacity: 0.7, 'z-index': 10 } },
        { selector: 'edge[label]', style: { label: 'data(label)', 'font-size': 13, 'font-weight': 'bold', color: '#0b7285', opacity: 1,
          'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.9, 'text-background-padding': 2 } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f2a900' } }
      ],
      layout: layout,
      wheelSensitivity: 0.2
    });
    cy.on('tap', 'node', function (e) {
      var to = href(e.target.id());
      if (to) window.location.href = to;
    });
    el.cy = cy;  // for the browser test's label-overlap check
    el.setAttribute('data-ready', String(elements.length));
  }
  if (el.getAttribute('data-level') === 'municipality') { municipal(); return; }
  fetch(el.getAttribute('data-src'), { headers: headers })
    .then(function (r) { return r.json(); })
    .then(function (d) {
      var elements = [];
      var maxInfluence = 0;
      (d.nodes || []).forEach(function (n) { maxInfluence = Math.max(maxInfluence, n.influence || 0); });
      (d.nodes || []).forEach(function (n) {
        var size = 12 + 18 * (maxInfluence ? (n.influence || 0) / maxInfluence : 0);
        var node = { data: { id: n.region.code, label: label(n), color: ROLE[n.role] || ROLE.isolated, size: size } };
        if (typeof n.x === 'number') node.position = { x: n.x, y: n.y };
        elements.push(node);
      });
      var known = {};
      elements.forEach(function (e) { known[e.data.id] = true; });
      var maxW = 1;
      (d.edges || []).forEach(function (e) { maxW = Math.max(maxW, e.weight); });
      (d.edges || []).forEach(function (e, i) {
        if (!known[e.source] || !known[e.target]) return;
        var personnel = e.channels && e.channels.personnel ? e.channels.personnel.count : 0;
        elements.push({ data: { id: 'e' + i, source: e.source, target: e.target, weight: e.weight,
          width: 1.5 + 6 * e.weight / maxW, color: personnel > 0 ? '#b3261e' : '#8a94a1' } });
      });
      // Inferred links (issue 17) come from their own API and are drawn dashed, apart from recorded ones.
      var inferredSrc = el.getAttribute('data-inferred');
      var inferred = inferredSrc
        ? fetch(inferredSrc, { headers: headers })
            .then(function (r) { return r.ok ? r.json() : { edges: [] }; })
            .catch(function () { return { edges: [] }; })
        : Promise.resolve({ edges: [] });
      return inferred.then(function (inf) {
        (inf.edges || []).forEach(function (e, i) {
          [e.from, e.to].forEach(function (r) {
            if (!known[r.code]) {
              known[r.code] = true;
              var extra = { data: { id: r.code, label: label({ region: r }), color: ROLE.isolated, size: 12 } };
              if (typeof r.x === 'number') extra.position = { x: r.x, y: r.y };
              elements.push(extra);
            }
          });
          elements.push({ data: { id: 'i' + i, source: e.from.code, target: e.to.code, width: 1.5, color: '#0b7285',
            kind: 'inferred' }, classes: 'inferred' });
        });
        draw();
      });
      function draw() {
      var maxY = 0;
      var loose = elements.filter(function (e) {
        if (e.data.source) return false;
        if (e.position) maxY = Math.max(maxY, e.position.y);
        return !e.position;
      });
      loose.sort(function (a, b) { return a.data.id < b.data.id ? -1 : 1; });
      loose.forEach(function (e, i) { e.position = { x: 120 * i, y: maxY + 128 }; });
      mount(elements, { name: 'preset', fit: true, padding: 20 }, function (id) { return '/regions/' + encodeURIComponent(id); });
      }
    })
    .catch(function () { el.setAttribute('data-ready', 'error'); });

  // The municipal view (/network?level=municipality): recorded links between municipalities solid, inferred
  // ones dashed and labelled (data-inferred-label), from the one municipal API answer. Nodes are placed on a
  // grid in the order of their region's code and their name, so the same data give the same picture.
  function municipal() {
    var inferredLabel = el.getAttribute('data-inferred-label') || 'inferred';
    fetch(el.getAttribute('data-src'), { headers: headers })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        var nodes = {};
        var elements = [];
        function node(m) {
          var id = 'm' + m.id;
          if (!nodes[id]) {
            var region = m.region ? (m.region.short_name || m.region.name) : '';
            nodes[id] = { data: { id: id, label: m.name + (region ? ' (' + region + ')' : ''), color: '#495057', size: 14,
              key: (m.region ? m.region.code : '~') + ' ' + m.name, region: m.region ? m.region.code : '' } };
          }
          return id;
        }
        var maxW = 1;
        (d.recorded_edges || []).forEach(function (e) { maxW = Math.max(maxW, e.adoptions); });
        (d.recorded_edges || []).forEach(function (e, i) {
          elements.push({ data: { id: 'r' + i, source: node(e.from), target: node(e.to), width: 1 + 3 * e.adoptions / maxW,
            color: '#b8bfc7', kind: 'recorded' } });
        });
        (d.edges || []).forEach(function (e, i) {
          elements.push({ data: { id: 'i' + i, source: node(e.from), target: node(e.to), width: 3.5, color: '#0b7285',
            kind: 'inferred', label: inferredLabel }, classes: 'inferred' });
        });
        var list = Object.keys(nodes).map(function (k) { return nodes[k]; });
        list.sort(function (a, b) { return a.data.key < b.data.key ? -1 : a.data.key > b.data.key ? 1 : 0; });
        // About twice as wide as tall, like the container, so the labels stay legible when the graph is fitted.
        var cols = Math.max(1, Math.ceil(Math.sqrt(list.length * 1.2)));
        list.forEach(function (n, i) { n.position = { x: 150 * (i % cols), y: 100 * Math.floor(i / cols) }; });
        mount(list.concat(elements), { name: 'preset', fit: true, padding: 20 }, function (id) {
          var n = nodes[id];
          return n && n.data.region ? '/regions/' + encodeURIComponent(n.data.region) : null;
        });
      })
      .catch(function () { el.setAttribute('data-ready', 'error'); });
  }
})();

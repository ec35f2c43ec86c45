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
          { selector: 'edge.inferred', style: { 'line-style': 'dashed', opacity: 0.7 } },
          { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f2a900' } }
        ],
        // Preset positions from the server; a node without one (an inferred-only region off the map) goes
        // on a row below it, by code, so the picture still does not depend on chance.
        layout: { name: 'preset', fit: true, padding: 20 },
        wheelSensitivity: 0.2
      });
      cy.on('tap', 'node', function (e) { window.location.href = '/regions/' + encodeURIComponent(e.target.id()); });
      el.cy = cy;  // for the browser test's label-overlap check
      el.setAttribute('data-ready', String(elements.length));
      }
    })
    .catch(function () { el.setAttribute('data-ready', 'error'); });
})();

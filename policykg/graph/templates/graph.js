// The graph page's script (inlined into graph.html).
// Every piece of data reaches the page as text: tooltips are strings (vis-network uses
// innerText), and this script writes only through textContent and value.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var V = data.view;
  var HIDDEN_INK = data.options.nodes.font.color;  // every label starts invisible
  var NODE_INK = "#222", EDGE_INK = "#333", STROKE = "#ffffff";
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  // What the reader chose: hidden types, one document, isolated entities shown (at first only
  // when nothing is connected), leaves grouped.
  var connected = data.nodes.some(function (n) { return n.degree > 0; });
  var state = {hiddenTypes: {}, doc: null, showIsolated: !connected, group: Boolean(V.clusterLeaves),
               opened: {}, found: {}, named: {}, emphasis: {nodes: {}, edges: {}}, restNodes: {}, restEdges: {}};

  // Isolated entities start hidden and out of the physics: the layout is for what is connected.
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = Object.assign({}, n);
    if (!n.degree) { item.hidden = connected; item.physics = false; }
    return item;
  }));
  var edges = new vis.DataSet(data.edges);
  // The layout starts once the hubs' leaves are grouped (below): vis-network must not start its own.
  var stabilization = data.options.physics.stabilization;
  var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges},
                                Object.assign({}, data.options, {physics: Object.assign({}, data.options.physics,
                                                                                         {stabilization: false})}));
  window.policykg = {network: network, nodes: nodes, edges: edges, state: state};  // for the console and tests

  // ------------------------------------------------------------ what is visible

  function inDocument(item) { return state.doc === null || item.docs.indexOf(state.doc) >= 0; }

  // Hidden nodes and edges for the current choices; an entity with no relation in the chosen
  // document(s) counts as isolated there.
  function visibility() {
    var linked = {}, hiddenNodes = {}, hiddenEdges = {}, isolated = 0;
    data.edges.forEach(function (e) {
      if (inDocument(e)) { linked[e.from] = true; linked[e.to] = true; }
    });
    data.nodes.forEach(function (n) {
      var hide = Boolean(state.hiddenTypes[n.group]) || !inDocument(n);
      if (!hide && !linked[n.id] && !state.found[n.id]) { isolated += 1; hide = !state.showIsolated; }
      hiddenNodes[n.id] = hide;
    });
    data.edges.forEach(function (e) {
      hiddenEdges[e.id] = !inDocument(e) || hiddenNodes[e.from] || hiddenNodes[e.to];
    });
    return {nodes: hiddenNodes, edges: hiddenEdges, isolated: isolated};
  }

  // One update of the data sets (vis-network redraws after each moveNode: hundreds of frames).
  function applyVisibility(hidden) {
    var changes = data.nodes.filter(function (n) { return Boolean(nodes.get(n.id).hidden) !== hidden.nodes[n.id]; })
      .map(function (n) { return {id: n.id, hidden: hidden.nodes[n.id]}; });
    var homeless = data.nodes.filter(function (n) {
      return !hidden.nodes[n.id] && !placed[n.id] && network.findNode(n.id).length === 1;
    }).map(function (n) { return n.id; });
    if (homeless.length) {
      var box = extent(Object.keys(placed));
      var at = grid(homeless, {x: (box.left + box.right) / 2, y: box.bottom + 150}, box.right - box.left, false);
      var changed = {};
      changes.forEach(function (c) { changed[c.id] = c; });
      homeless.forEach(function (id) {
        if (!changed[id]) { changes.push(changed[id] = {id: id}); }
        changed[id].x = at[id].x;
        changed[id].y = at[id].y;
      });
    }
    nodes.update(changes);
    edges.update(data.edges.filter(function (e) { return Boolean(edges.get(e.id).hidden) !== hidden.edges[e.id]; })
      .map(function (e) { return {id: e.id, hidden: hidden.edges[e.id]}; }));
  }

  // Nodes the physics never saw (isolated entities, the leaves grouped before the layout) get a
  // grid when first shown, by type then name: below the graph, about as wide as it, or centred
  // on the group they came out of. A cell fits nine names in ten; a longer name may lose its
  // label at rest (the placement below) but keeps its tooltip.
  var placed = {};
  function grid(ids, anchor, width, centred) {
    ids.sort(function (a, b) {
      return byId[a].group.localeCompare(byId[b].group) || byId[a].label.localeCompare(byId[b].label);
    });
    var widths = ids.map(function (id) {
      return textWidth(byId[id].label, (byId[id].font && byId[id].font.size) || data.options.nodes.font.size);
    }).sort(function (a, b) { return a - b; });
    var cell = 40 + Math.min(200, widths[Math.floor(0.9 * (widths.length - 1))]);
    var rowHeight = 80;
    var square = Math.ceil(Math.sqrt(ids.length * rowHeight / cell));
    var columns = centred ? Math.max(1, Math.round(square * 1.5)) : Math.max(4, Math.floor(width / cell), square);
    var rows = Math.ceil(ids.length / columns), at = {};
    var left = anchor.x - (Math.min(columns, ids.length) - 1) * cell / 2;
    var top = centred ? anchor.y - (rows - 1) * rowHeight / 2 : anchor.y;
    ids.forEach(function (id, i) {
      at[id] = {x: left + (i % columns) * cell, y: top + Math.floor(i / columns) * rowHeight};
      placed[id] = true;
    });
    return at;
  }

  function extent(ids) {
    var positions = network.getPositions(ids), box = {left: 0, right: 0, top: 0, bottom: 0}, first = true;
    Object.keys(positions).forEach(function (id) {
      var p = positions[id];
      if (first) { box = {left: p.x, right: p.x, top: p.y, bottom: p.y}; first = false; }
      box.left = Math.min(box.left, p.x); box.right = Math.max(box.right, p.x);
      box.top = Math.min(box.top, p.y); box.bottom = Math.max(box.bottom, p.y);
    });
    return box;
  }

  // ------------------------------------------------------------ grouping a hub's leaves

  var CLUSTER = "cluster:";
  var groups = {};  // hub -> its leaves' ids (a key), for the groups on the page now

  // Children go back where they were; those never placed, into a grid on the group's spot
  // (which is kept for the next time the hub's leaves are grouped).
  var spots = {};
  function openCluster(id, refreshData) {
    var hub = String(id).slice(CLUSTER.length);
    spots[hub] = network.getPositions([id])[id];
    delete groups[hub];
    delete current[CLUSTER + hub];
    network.openCluster(id, {releaseFunction: function (center, positions) {
      var fresh = Object.keys(positions).filter(function (child) { return !placed[child]; });
      return Object.assign({}, positions, fresh.length ? grid(fresh, center, 0, true) : {});
    }}, refreshData);
  }

  // A leaf is a visible node whose only visible neighbour is its hub; a hub with many leaves
  // shows them as one grey node ("+21"); a click opens it. hub -> {leaves, around, key}.
  function wantedGroups(hidden) {
    var neighbours = {}, leavesOf = {}, wanted = {};
    if (!state.group) { return wanted; }
    data.edges.forEach(function (e) {
      if (hidden.edges[e.id] || e.from === e.to) { return; }
      (neighbours[e.from] = neighbours[e.from] || {})[e.to] = true;
      (neighbours[e.to] = neighbours[e.to] || {})[e.from] = true;
    });
    Object.keys(neighbours).forEach(function (id) {
      var around = Object.keys(neighbours[id]);
      if (around.length === 1) { (leavesOf[around[0]] = leavesOf[around[0]] || []).push(id); }
    });
    Object.keys(leavesOf).forEach(function (hub) {
      var leaves = leavesOf[hub].sort();
      if (leaves.length >= V.leafClusterMin && !state.opened[hub]) {
        wanted[hub] = {leaves: leaves, around: Object.keys(neighbours[hub]), key: leaves.join(" ")};
      }
    });
    return wanted;
  }

  // Clustering is slow when vis-network refreshes after each group: refresh once, at the end.
  function ungroupStale(wanted) {
    var stale = Object.keys(groups).filter(function (hub) { return !wanted[hub] || wanted[hub].key !== groups[hub]; });
    stale.forEach(function (hub) { openCluster(CLUSTER + hub, false); });
    if (stale.length) { network.body.emitter.emit("_dataChanged"); }
  }

  function groupNew(wanted) {
    var fresh = Object.keys(wanted).filter(function (hub) { return groups[hub] === undefined; });
    fresh.forEach(function (hub) {
      clusterLeaves(hub, wanted[hub].leaves, wanted[hub].around);
      groups[hub] = wanted[hub].key;
    });
    if (fresh.length) { network.body.emitter.emit("_dataChanged"); }
  }

  function clusterLeaves(hub, leaves, around) {
    var member = {}, counts = {};
    leaves.forEach(function (id) { member[id] = true; counts[byId[id].group] = (counts[byId[id].group] || 0) + 1; });
    var kinds = Object.keys(counts).sort().map(function (t) { return t + " " + counts[t]; }).join(", ");
    // Before the layout a group takes part in the physics; after it, it sits beside its hub.
    var at = spots[hub] || (placed[hub] ? clusterSpot(hub, leaves.length, around.filter(function (id) { return !member[id]; }))
                                        : {x: undefined, y: undefined});
    network.cluster({
      joinCondition: function (n) { return member[n.id] === true; },
      clusterNodeProperties: {
        id: CLUSTER + hub, label: "+" + leaves.length, shape: "circle", x: at.x, y: at.y, physics: true,
        color: {background: "#eeeeee", border: "#888888"}, borderWidth: 1, font: {size: V.groupFont, color: "#333"},
        title: leaves.length + " entities linked to " + byId[hub].label + " alone (" + kinds + ")\n"
          + "click to show them 点击展开"
      },
      clusterEdgeProperties: {label: " ", title: byId[hub].label + " — " + leaves.length + " entities (click the grey node)",
                              dashes: true}
    }, false);
  }

  // Beside the hub, on the side away from its other neighbours, and above it: the hub's
  // label is below it.
  function clusterSpot(hub, count, others) {
    var h = network.getPositions([hub])[hub], away = {x: 0.7, y: -0.7};
    if (others.length) {
      var c = others.reduce(function (s, id) {
        var p = network.getPositions([id])[id];
        return {x: s.x + p.x / others.length, y: s.y + p.y / others.length};
      }, {x: 0, y: 0});
      var dx = h.x - c.x, dy = -Math.abs(h.y - c.y) - 0.5 * Math.abs(h.x - c.x), d = Math.sqrt(dx * dx + dy * dy);
      if (d > 1) { away = {x: dx / d, y: dy / d}; }
    }
    var reach = 90 + 4 * Math.sqrt(count);
    return {x: h.x + away.x * reach, y: h.y + away.y * reach};
  }

  // After a layout, each group moves beside its hub (the physics may leave it on the hub's label).
  function placeGroups() {
    Object.keys(groups).forEach(function (hub) {
      var others = network.getConnectedNodes(hub).filter(function (id) { return byId[id]; });
      var at = clusterSpot(hub, network.getNodesInCluster(CLUSTER + hub).length, others);
      network.moveNode(CLUSTER + hub, at.x, at.y);
    });
  }

  // ------------------------------------------------------------ labels that do not overlap

  // At rest a label shows only where it overlaps no other label and no better connected node:
  // nodes in order of degree, then the relation names. Positions and font sizes are canvas
  // units, so the answer holds at every zoom (names capped on screen only shrink); vis-network
  // itself leaves out labels too small on screen (drawThreshold), which is what hides the
  // small labels when zoomed out.
  var measure = document.createElement("canvas").getContext("2d");
  function textWidth(text, size) {
    measure.font = size + "px " + (data.options.nodes.font.face || "arial");
    return measure.measureText(text).width;
  }

  // The size a label is placed with: its own, not the smaller one it has when zoomed in.
  function fontOf(id) {
    return byId[id] ? baseSize(byId[id]) : V.groupFont;
  }

  function baseSize(n) { return (n.font && n.font.size) || data.options.nodes.font.size; }

  // Zoomed in, a name grows no larger than labelMaxPx on screen (a hub's would fill it).
  function onScreen(size) { return Math.min(size, V.labelMaxPx / network.getScale()); }

  // A node's shape and the box of its label below it (a group's label is inside its circle).
  // vis-network sets a label's text from half a font size plus 4px below the shape down one
  // font size; the box starts higher (half the node's size down), which covers flatter images.
  function nodeBoxes(id) {
    var node = network.body.nodes[id], size = fontOf(id), w = textWidth(node.options.label || "", size);
    var r = node.options.size || 10;
    if (node.options.shape === "circle") {
      var half = {w: w / 2 + 8, h: size / 2 + 8};
      return {shape: {l: node.x - half.w, r: node.x + half.w, t: node.y - half.h, b: node.y + half.h}, label: null};
    }
    return {shape: {l: node.x - r, r: node.x + r, t: node.y - r, b: node.y + r},
            label: {l: node.x - w / 2 - 3, r: node.x + w / 2 + 3, t: node.y + r / 2, b: node.y + r + 1.5 * size + 7}};
  }

  function overlaps(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (b !== a.own && a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) { return true; }
    }
    return false;
  }

  function placeLabels() {
    var shown = network.body.nodeIndices.filter(function (id) { return !network.body.nodes[id].options.hidden; });
    // A node's label may cover the shapes of less connected nodes (its white outline keeps it
    // readable), never another label, its own node's or a better connected node's shape.
    var boxes = {}, taken = [];
    shown.forEach(function (id) {
      boxes[id] = nodeBoxes(id);
      if (boxes[id].label) { boxes[id].label.own = boxes[id].shape; } else { taken.push(boxes[id].shape); }
    });
    // A group outranks all; the entities of a group just opened come next.
    var degree = function (id) { return !byId[id] ? Infinity : byId[id].degree + (state.named[id] ? 1000 : 0); };
    var ranked = shown.slice().sort(function (a, b) { return degree(b) - degree(a); });
    var shapes = ranked.map(function (id) { return boxes[id].shape; });
    var restNodes = {}, restEdges = {}, above = 0;
    ranked.filter(function (id) { return byId[id] && boxes[id].label; })
      .sort(function (a, b) { return degree(b) - degree(a) || byId[a].label.length - byId[b].label.length; })
      .forEach(function (id) {
        while (above < ranked.length && degree(ranked[above]) >= degree(id)) { above += 1; }
        var label = boxes[id].label;
        if (!overlaps(label, taken) && !overlaps(label, shapes.slice(0, above))) { taken.push(label); restNodes[id] = true; }
      });
    network.body.edgeIndices.forEach(function (id) {
      var edge = network.body.edges[id];
      if (!edges.get(id) || edge.options.hidden || !edge.connected) { return; }  // a group's edge has no name
      var p = edge.edgeType.getPoint(0.5), w = textWidth(edge.options.label || "", data.options.edges.font.size) / 2 + 3;
      var h = data.options.edges.font.size / 2 + 3, box = {l: p.x - w, r: p.x + w, t: p.y - h, b: p.y + h};
      if (!overlaps(box, taken) && !overlaps(box, shapes)) { taken.push(box); restEdges[id] = true; }
    });
    state.restNodes = restNodes;
    state.restEdges = restEdges;
    restyle();
  }

  // Font of a node or edge: large and dark when hovered or selected, else shown or invisible.
  function nodeFont(n) {
    var base = onScreen(baseSize(n));
    if (state.emphasis.nodes[n.id]) {
      return {size: Math.max(base, 15 / network.getScale()), color: "#000", strokeColor: STROKE};
    }
    var ink = state.restNodes[n.id] ? NODE_INK : HIDDEN_INK;
    return {size: base, color: ink, strokeColor: state.restNodes[n.id] ? STROKE : HIDDEN_INK};
  }

  function edgeFont(e) {
    var base = onScreen(data.options.edges.font.size);
    if (state.emphasis.edges[e.id]) {
      return {size: Math.max(base, 14 / network.getScale()), color: "#000", strokeColor: STROKE};
    }
    var ink = state.restEdges[e.id] ? EDGE_INK : HIDDEN_INK;
    return {size: base, color: ink, strokeColor: state.restEdges[e.id] ? STROKE : HIDDEN_INK};
  }

  var current = {};  // the font each node and edge has now, as a key
  var styledAt = null;  // the scale of the last restyle
  data.nodes.forEach(function (n) { current[n.id] = fontKey({size: baseSize(n), color: HIDDEN_INK}); });
  data.edges.forEach(function (e) { current[e.id] = fontKey({size: data.options.edges.font.size, color: HIDDEN_INK}); });
  function fontKey(font) { return font.size + " " + font.color; }
  function restyle() {
    styledAt = network.getScale();
    var nodeUpdates = [], edgeUpdates = [];
    data.nodes.forEach(function (n) {
      var font = nodeFont(n), key = fontKey(font);
      if (current[n.id] !== key) { current[n.id] = key; nodeUpdates.push({id: n.id, font: font}); }
    });
    data.edges.forEach(function (e) {
      var font = edgeFont(e), key = fontKey(font);
      if (current[e.id] !== key) { current[e.id] = key; edgeUpdates.push({id: e.id, font: font}); }
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    // A group is no data set item; updateClusteredNode would refresh the whole network once
    // per group, so its node (of the vis-network bundled here) is set directly.
    var regrouped = false;
    Object.keys(groups).forEach(function (hub) {
      var size = onScreen(V.groupFont), key = fontKey({size: size, color: "group"});
      if (current[CLUSTER + hub] !== key) {
        current[CLUSTER + hub] = key;
        network.body.nodes[CLUSTER + hub].setOptions({font: {size: size}});
        regrouped = true;
      }
    });
    if (regrouped) { network.redraw(); }
  }

  function emphasise(nodeIds, edgeIds) {
    state.emphasis = {nodes: {}, edges: {}};
    nodeIds.forEach(function (id) { state.emphasis.nodes[id] = true; });
    edgeIds.forEach(function (id) { state.emphasis.edges[id] = true; });
    restyle();
  }

  // Hovering shows a node's name and its relations' names; so does selecting it.
  var hovered = null;
  function emphasiseCurrent() {
    var picked = network.getSelectedNodes().filter(function (id) { return byId[id]; });
    if (hovered && byId[hovered]) { picked.push(hovered); }
    var around = [];
    picked.forEach(function (id) {
      data.edges.forEach(function (e) { if (e.from === id || e.to === id) { around.push(e.id); } });
    });
    emphasise(picked, around);
  }
  network.on("hoverNode", function (p) { hovered = p.node; emphasiseCurrent(); });
  network.on("blurNode", function () { hovered = null; emphasiseCurrent(); });
  network.on("hoverEdge", function (p) {
    if (edges.get(p.edge)) { state.emphasis.edges[p.edge] = true; restyle(); }
  });
  network.on("blurEdge", function () { emphasiseCurrent(); });
  // Sizes depend on the zoom however it changes (wheel, fit, focus, moveTo): checked before
  // each frame is drawn, restyled when the scale moved.
  network.on("beforeDrawing", function () { if (network.getScale() !== styledAt) { restyle(); } });
  network.on("dragEnd", function (p) { if (p.nodes.length) { placeLabels(); } });

  // ------------------------------------------------------------ one refresh for every choice

  var isolatedBox = document.getElementById("isolated");
  var isolatedText = document.getElementById("isolated-text");
  var isolatedToggle = document.getElementById("isolated-toggle");

  function refresh() {
    var hidden = visibility(), wanted = wantedGroups(hidden);
    ungroupStale(wanted);
    applyVisibility(hidden);
    groupNew(wanted);
    placeLabels();
    isolatedBox.hidden = hidden.isolated === 0;
    isolatedText.textContent = hidden.isolated.toLocaleString("en") + " isolated entit"
      + (hidden.isolated === 1 ? "y" : "ies") + (state.showIsolated ? " shown 孤立实体已显示 —" : " hidden 孤立实体已隐藏 —");
    isolatedToggle.textContent = state.showIsolated ? "hide 隐藏" : "show 显示";
    var kept = network.getSelectedNodes().filter(function (id) { return byId[id] && !hidden.nodes[id]; });
    network.selectNodes(kept);
    if (!kept.length) { details.hidden = true; }
    emphasiseCurrent();
  }

  function visibleIds() {
    return network.body.nodeIndices.filter(function (id) { return !network.body.nodes[id].options.hidden; });
  }

  function fitVisible() { network.fit({nodes: visibleIds(), animation: false}); }

  isolatedToggle.addEventListener("click", function () {
    state.showIsolated = !state.showIsolated;
    state.found = {};
    refresh();
    fitVisible();
  });

  var grouping = document.getElementById("group-leaves");
  grouping.checked = state.group;
  grouping.addEventListener("change", function () {
    state.group = grouping.checked;
    state.opened = {};
    refresh();
  });

  // Documents: all, or one (the entities it names and the relations it states).
  var docSelect = document.getElementById("document");
  var perDocument = data.documents.map(function () { return 0; });
  data.nodes.forEach(function (n) { n.docs.forEach(function (d) { perDocument[d] += 1; }); });
  function option(value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    docSelect.appendChild(o);
  }
  option("", "all " + data.documents.length + " documents 全部");
  data.documents.forEach(function (name, i) { option(String(i), name + " (" + perDocument[i] + ")"); });
  document.getElementById("document-filter").hidden = data.documents.length < 2;
  docSelect.addEventListener("change", function () {
    setDocument(docSelect.value === "" ? null : Number(docSelect.value));
  });

  // One document's entities sit where the whole graph's layout put them, scattered: they get a
  // short layout of their own, and the whole graph's places back when all documents are shown.
  var wholeLayout = null;
  function setDocument(doc) {
    if (doc === state.doc) { return; }
    if (state.doc === null) { wholeLayout = {positions: network.getPositions(Object.keys(byId)), spots: Object.assign({}, spots)}; }
    state.doc = doc;
    docSelect.value = doc === null ? "" : String(doc);
    if (doc === null) {
      ungroupStale({});
      spots = wholeLayout.spots;
      nodes.update(Object.keys(wholeLayout.positions).map(function (id) {
        return {id: id, x: wholeLayout.positions[id].x, y: wholeLayout.positions[id].y};
      }));
      wholeLayout = null;
      refresh();
      fitVisible();
      return;
    }
    refresh();
    relayout();
  }

  function relayout() {
    var shown = {};
    visibleIds().forEach(function (id) { shown[id] = true; });
    if (!Object.keys(shown).length) { return; }
    nodes.update(data.nodes.map(function (n) { return {id: n.id, physics: Boolean(shown[n.id])}; }));
    document.body.dataset.ready = "false";
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      layoutStatus.textContent = "";
      placeGroups();
      placeLabels();
      fitVisible();
      document.body.dataset.ready = "true";
    });
    network.setOptions({physics: {enabled: true}});
    network.stabilize(V.relayoutIterations);
  }

  // ------------------------------------------------------------ details, types, search

  // Details of the selected entity, beside the graph; a click on a group opens it.
  var details = document.getElementById("details");
  function showDetails(id) {
    details.textContent = nodes.get(id).title;
    details.hidden = false;
  }
  network.on("click", function (p) {
    if (p.nodes.length && network.isCluster(p.nodes[0])) {
      state.opened[p.nodes[0].slice(CLUSTER.length)] = true;
      state.named = {};  // the names of the group just opened (and its hub's) come first
      network.getNodesInCluster(p.nodes[0]).concat([p.nodes[0].slice(CLUSTER.length)])
        .forEach(function (id) { state.named[id] = true; });
      openCluster(p.nodes[0], true);
      placeLabels();
    }
  });
  network.on("selectNode", function (p) {
    if (byId[p.nodes[0]]) { showDetails(p.nodes[0]); }
    emphasiseCurrent();
  });
  network.on("deselectNode", function (p) {
    if (!p.nodes.length) { details.hidden = true; }
    emphasiseCurrent();
  });

  // Entity types: untick a type to hide its nodes (and the edges that touch them).
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#legend input[type=checkbox]"));
  function setTypeVisible(type, visible) {
    boxes.forEach(function (box) { if (box.dataset.type === type) { box.checked = visible; } });
    state.hiddenTypes[type] = !visible;
    refresh();
  }
  boxes.forEach(function (box) {
    box.addEventListener("change", function () { setTypeVisible(box.dataset.type, box.checked); });
  });

  // Search by name or alias: exact matches first, then names containing the text;
  // pressing Enter again steps to the next match.
  var names = document.getElementById("names"), seen = {};
  data.nodes.forEach(function (n) {
    [n.label].concat(n.aliases || []).forEach(function (name) {
      if (seen[name]) { return; }
      seen[name] = true;
      var item = document.createElement("option");
      item.value = name;
      names.appendChild(item);
    });
  });
  function matches(query) {
    var q = query.trim().toLowerCase(), exact = [], partial = [];
    if (!q) { return []; }
    data.nodes.forEach(function (n) {
      var forms = [n.label].concat(n.aliases || []).map(function (s) { return s.toLowerCase(); });
      if (forms.indexOf(q) >= 0) { exact.push(n.id); }
      else if (forms.some(function (s) { return s.indexOf(q) >= 0; })) { partial.push(n.id); }
    });
    return exact.concat(partial);
  }

  // A found entity is made visible whatever hid it: its type, the document filter, the
  // isolated toggle or a group.
  function reveal(id) {
    var n = byId[id], changed = false;
    if (state.hiddenTypes[n.group]) { setTypeVisible(n.group, true); }
    if (state.doc !== null && n.docs.indexOf(state.doc) < 0) { setDocument(null); }
    if (nodes.get(id).hidden) { state.found[id] = true; changed = true; }  // it alone, not every isolated one
    if (changed) { refresh(); }
    var path = network.findNode(id);
    if (path.length > 1) {
      path.slice(0, -1).forEach(function (cluster) {
        state.opened[String(cluster).slice(CLUSTER.length)] = true;
        openCluster(cluster, true);
      });
      placeLabels();
    }
  }

  var input = document.getElementById("search"), result = document.getElementById("search-result");
  var last = {query: null, hits: [], index: 0};
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (input.value === last.query && last.hits.length) {
      last.index = (last.index + 1) % last.hits.length;
    } else {
      last = {query: input.value, hits: matches(input.value), index: 0};
    }
    if (!last.hits.length) {
      network.unselectAll();
      details.hidden = true;
      emphasiseCurrent();
      result.textContent = input.value.trim() ? "no entity matches 未找到: " + input.value.trim() : "";
      return;
    }
    var node = byId[last.hits[last.index]];
    reveal(node.id);
    network.selectNodes([node.id]);
    network.focus(node.id, {scale: 1.5, animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    showDetails(node.id);
    emphasiseCurrent();
    var count = last.hits.length > 1 ? " (" + (last.index + 1) + "/" + last.hits.length + ", Enter: next)" : "";
    result.textContent = node.label + " · " + node.group + count;
  });

  // ------------------------------------------------------------ layout, then still

  // Physics lays the graph out once, then stops so the page stays still and cheap.
  var layoutStatus = document.getElementById("layout-status");
  var settled = false;
  function laidOut() {
    if (settled) { return; }  // fitting can end a second stabilisation: lay out once
    settled = true;
    network.setOptions({physics: {enabled: false}});
    visibleIds().forEach(function (id) { if (byId[id] && byId[id].degree) { placed[id] = true; } });  // laid out
    layoutStatus.textContent = "";
    placeGroups();
    refresh();
    fitVisible();
    document.body.dataset.ready = "true";
  }
  network.on("stabilizationProgress", function (p) {
    layoutStatus.textContent = "laying out " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", laidOut);
  groupNew(wantedGroups(visibility()));  // the layout is for hubs with their groups
  network.setOptions({physics: {stabilization: stabilization}});
  network.stabilize(stabilization.iterations);
  if (!connected) { laidOut(); }
})();

/* graphbuild interactive graph: tooltips, details, filters and search over the vis-network
   that pyvis's script has drawn (its globals `network`, `nodes`, `edges`). Text read from
   articles (labels, aliases, evidence) reaches the page only through textContent. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("gb-config").textContent);
  var container = document.getElementById("mynetwork");
  var tooltip = document.getElementById("gb-tooltip");
  var details = document.getElementById("gb-details");
  var searchBox = document.getElementById("gb-search");
  var searchStatus = document.getElementById("gb-search-status");
  var docSelect = document.getElementById("gb-doc");
  var confSlider = document.getElementById("gb-conf");
  var confValue = document.getElementById("gb-conf-value");
  var visibleNote = document.getElementById("gb-visible");
  var nodeList = nodes.get();
  var edgeList = edges.get();
  var nodeById = {};
  var edgeById = {};
  var haystack = {};
  var matches = [];
  var matchAt = 0;
  var lastQuery = "";
  var pending = null;
  var SEARCH_DELAY_MS = 250;
  var dimmedNode = {};
  var dimmedEdge = {};
  var hiddenNode = {};
  var hiddenEdge = {};
  var baseNodeColour = {};
  var baseEdgeColour = {};
  var NODE_FONT = {color: "#343434", strokeWidth: 3, strokeColor: "#ffffff"};
  var EDGE_FONT = {color: "#333333", strokeWidth: 4, strokeColor: "#ffffff"};
  var NO_FONT = {color: "rgba(0,0,0,0)", strokeWidth: 0};
  var DIM_NODE = "#e3e6ea";
  var DIM_EDGE = {color: "#d0d7de", highlight: "#d0d7de", hover: "#d0d7de", opacity: 0.3};

  nodeList.forEach(function (n) {
    nodeById[n.id] = n;
    haystack[n.id] = [n.label, n.en].concat(n.aliases).join("\n").toLowerCase();
    baseNodeColour[n.id] = n.color;
  });
  edgeList.forEach(function (e) {
    edgeById[e.id] = e;
    baseEdgeColour[e.id] = JSON.parse(JSON.stringify(e.color));
  });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function field(box, name, value) {
    var line = el("div", "gb-field");
    line.appendChild(el("span", "gb-key", name + ": "));
    line.appendChild(typeof value === "object" ? value : el("span", null, value));
    box.appendChild(line);
  }

  function nodeName(id) {
    return nodeById[id] ? nodeById[id].label : id;
  }

  function nodeCard(n, live) {
    var box = el("div", "gb-card");
    box.appendChild(el("div", "gb-card-title", n.label));
    box.appendChild(el("div", "gb-card-kind", config.classes[n.cls] ? config.classes[n.cls].label : n.cls));
    if (n.role) { field(box, "Role", n.role); }
    if (n.en) { field(box, "English", n.en); }
    if (n.aliases.length) { field(box, "Also written", n.aliases.join(", ")); }
    n.sameAs.forEach(function (url) {
      var link = el(live && /^https?:\/\//i.test(url) ? "a" : "span", null, url);
      if (link.tagName === "A") {
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
      }
      field(box, /wikidata\.org/i.test(url) ? "Wikidata" : "Same as", link);
    });
    field(box, "Connections", n.deg);
    return box;
  }

  function edgeCard(e) {
    var box = el("div", "gb-card");
    box.appendChild(el("div", "gb-card-title", nodeName(e.from) + " " + e.label + " " + nodeName(e.to)));
    if (e.ev) { box.appendChild(el("blockquote", "gb-evidence", e.ev)); }
    e.src.forEach(function (i) {
      var doc = config.documents[i];
      field(box, "Source", doc[1] ? doc[0] + " (" + doc[1] + ")" : doc[0]);
    });
    if (e.conf !== null) { field(box, "Confidence", e.conf.toFixed(2)); }
    var flags = [];
    if (e.neg) { flags.push("negated"); }
    if (e.hed) { flags.push("hedged"); }
    if (flags.length) { field(box, "Marked", flags.join(", ")); }
    if (e.ext) { field(box, "Extractor", e.ext); }
    if (!e.asr) { field(box, "Recorded", "direct triple, no assertion"); }
    return box;
  }

  function showTooltip(card, x, y) {
    tooltip.replaceChildren(card);
    tooltip.hidden = false;
    var left = Math.min(x + 14, window.innerWidth - tooltip.offsetWidth - 8);
    var top = Math.min(y + 14, window.innerHeight - tooltip.offsetHeight - 8);
    tooltip.style.left = Math.max(8, left) + "px";
    tooltip.style.top = Math.max(8, top) + "px";
  }

  function hideTooltip() {
    tooltip.hidden = true;
    tooltip.replaceChildren();
  }

  function pagePoint(canvasPoint) {
    var dom = network.canvasToDOM(canvasPoint);
    var box = container.getBoundingClientRect();
    return {x: box.left + dom.x, y: box.top + dom.y};
  }

  function showDetails(card) {
    details.replaceChildren(card);
  }

  network.on("hoverNode", function (p) {
    var at = pagePoint(p.pointer.canvas);
    showTooltip(nodeCard(nodeById[p.node], false), at.x, at.y);
  });
  network.on("hoverEdge", function (p) {
    var at = pagePoint(p.pointer.canvas);
    showTooltip(edgeCard(edgeById[p.edge]), at.x, at.y);
  });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  network.on("click", function (p) {
    if (p.nodes.length) {
      highlight(p.nodes);
      showDetails(nodeCard(nodeById[p.nodes[0]], true));
    } else if (p.edges.length) {
      clearHighlight();
      showDetails(edgeCard(edgeById[p.edges[0]]));
    } else {
      clearHighlight();
    }
  });

  /* Grey out everything but the given nodes, their neighbours and the edges between them. */
  function highlight(ids) {
    var level = {};
    ids.forEach(function (id) { level[id] = 2; });
    edgeList.forEach(function (e) {
      if (level[e.from] === 2 || level[e.to] === 2) {
        level[e.from] = level[e.from] || 1;
        level[e.to] = level[e.to] || 1;
      }
    });
    dim(function (n) { return level[n.id] === undefined; },
        function (e) { return level[e.from] !== 2 && level[e.to] !== 2; });
  }

  function clearHighlight() {
    dim(function () { return false; }, function () { return false; });
  }

  /* Send vis only the items whose look changes: updating all 15,000 items takes a second. */
  function dim(nodeTest, edgeTest) {
    var nodeChanges = [];
    var edgeChanges = [];
    nodeList.forEach(function (n) {
      var off = nodeTest(n);
      if (off !== (dimmedNode[n.id] === true)) {
        dimmedNode[n.id] = off;
        nodeChanges.push({id: n.id, color: off ? DIM_NODE : baseNodeColour[n.id], font: off ? NO_FONT : NODE_FONT});
      }
    });
    edgeList.forEach(function (e) {
      var off = edgeTest(e);
      if (off !== (dimmedEdge[e.id] === true)) {
        dimmedEdge[e.id] = off;
        edgeChanges.push({id: e.id, color: off ? DIM_EDGE : baseEdgeColour[e.id], font: off ? NO_FONT : EDGE_FONT});
      }
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
  }

  function checked(selector) {
    var on = {};
    document.querySelectorAll(selector).forEach(function (box) { on[box.value] = box.checked; });
    return on;
  }

  function applyFilters() {
    var classOn = checked("input.gb-class");
    var predOn = checked("input.gb-pred");
    var doc = docSelect.value === "" ? -1 : Number(docSelect.value);
    var minConf = Number(confSlider.value);
    var edgeFilter = doc >= 0 || minConf > 0 || Object.keys(predOn).some(function (k) { return !predOn[k]; });
    var touched = {};
    var shownEdges = 0;
    var shownNodes = 0;
    var edgeChanges = [];
    var nodeChanges = [];
    edgeList.forEach(function (e) {
      var show = predOn[e.pred] && classOn[nodeById[e.from].cls] && classOn[nodeById[e.to].cls] &&
        (e.conf === null || e.conf >= minConf) && (doc < 0 || e.docs.indexOf(doc) >= 0);
      if (show) {
        touched[e.from] = true;
        touched[e.to] = true;
        shownEdges += 1;
      }
      if (show === (hiddenEdge[e.id] === true)) {
        hiddenEdge[e.id] = !show;
        edgeChanges.push({id: e.id, hidden: !show});
      }
    });
    nodeList.forEach(function (n) {
      var show = classOn[n.cls] && (!edgeFilter || touched[n.id] === true);
      shownNodes += show ? 1 : 0;
      if (show === (hiddenNode[n.id] === true)) {
        hiddenNode[n.id] = !show;
        nodeChanges.push({id: n.id, hidden: !show});
      }
    });
    confValue.textContent = minConf.toFixed(2);
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    visibleNote.textContent = "Visible: " + shownNodes.toLocaleString("en") + " of " +
      nodeList.length.toLocaleString("en") + " nodes, " + shownEdges.toLocaleString("en") + " of " +
      edgeList.length.toLocaleString("en") + " edges";
  }

  function rank(id, query) {
    var n = nodeById[id];
    var names = [n.label, n.en].concat(n.aliases).map(function (s) { return s.toLowerCase(); });
    if (names.indexOf(query) >= 0) { return 0; }
    return names.some(function (s) { return s.indexOf(query) === 0; }) ? 1 : 2;
  }

  function focusMatch() {
    var id = matches[matchAt];
    highlight(matches);
    network.selectNodes(matches, false);
    network.focus(id, {scale: Math.max(network.getScale(), 0.75), animation: false});
    showDetails(nodeCard(nodeById[id], true));
    searchStatus.textContent = matches.length === 1 ? "1 match" :
      "Match " + (matchAt + 1) + " of " + matches.length + " (Enter: next)";
  }

  function search(text) {
    var query = text.trim().toLowerCase();
    matchAt = 0;
    matches = query === "" ? [] : nodeList.filter(function (n) { return haystack[n.id].indexOf(query) >= 0; })
      .map(function (n) { return n.id; });
    matches.sort(function (a, b) {
      return rank(a, query) - rank(b, query) || nodeById[b].deg - nodeById[a].deg || (a < b ? -1 : a > b ? 1 : 0);
    });
    if (matches.length) {
      focusMatch();
    } else {
      clearHighlight();
      network.unselectAll();
      searchStatus.textContent = query === "" ? "" : "No match";
    }
    return matches.slice();
  }

  /* Search a moment after typing stops (dimming 15,000 items per keystroke would lag);
     Enter searches at once, or moves to the next match of the same query. */
  function searchNow() {
    clearTimeout(pending);
    if (searchBox.value === lastQuery) {
      return false;
    }
    lastQuery = searchBox.value;
    search(lastQuery);
    return true;
  }

  searchBox.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(searchNow, SEARCH_DELAY_MS);
  });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") {
      return;
    }
    ev.preventDefault();
    if (!searchNow() && matches.length > 1) {
      matchAt = (matchAt + 1) % matches.length;
      focusMatch();
    }
  });
  document.querySelectorAll("input.gb-class, input.gb-pred").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  docSelect.addEventListener("change", applyFilters);
  confSlider.addEventListener("input", function () {
    confValue.textContent = Number(confSlider.value).toFixed(2);
  });
  confSlider.addEventListener("change", applyFilters);

  function markReady() {
    window.gbReady = true;
  }

  window.gb = {
    search: search,
    applyFilters: applyFilters,
    showNode: function (id) {
      var at = pagePoint(network.getPositions([id])[id]);
      showTooltip(nodeCard(nodeById[id], false), at.x, at.y);
    },
    showEdge: function (id) {
      var e = edgeById[id];
      var ends = network.getPositions([e.from, e.to]);
      var at = pagePoint({x: (ends[e.from].x + ends[e.to].x) / 2, y: (ends[e.from].y + ends[e.to].y) / 2});
      showTooltip(edgeCard(e), at.x, at.y);
    },
    hideTooltip: hideTooltip
  };
  applyFilters();
  if (config.physics) {
    network.once("stabilized", function () {
      network.fit({animation: false});
      markReady();
    });
    network.setOptions({physics: config.physics});
  } else {
    markReady();
  }
}());

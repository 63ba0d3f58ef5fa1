/* kg pages: draws the page's network (vis-network, data from #kg-data), tooltips, filters, search.
 * Every piece of article text is put in the page as a text node (textContent), never as HTML. */
(function () {
  "use strict";
  performance.mark("kg-start");
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  performance.mark("kg-parsed");
  var page = data.page;
  var root = page.root;
  var lang = "ar";

  /* el("p", {class: "x"}, "text", childNode, ...): strings become text nodes, never markup. */
  function el(tag, attrs) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === "") continue;
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  function sentence(ev) {
    var p = el("p", {class: "kg-sentence", dir: "rtl"});
    var s = ev.sentence || "", t = ev.trigger || "", i = t ? s.indexOf(t) : -1;
    if (i < 0) { p.appendChild(document.createTextNode(s)); return p; }
    p.appendChild(document.createTextNode(s.slice(0, i)));
    p.appendChild(el("mark", {}, t));
    p.appendChild(document.createTextNode(s.slice(i + t.length)));
    return p;
  }

  function meta(ev, withLink) {
    var m = el("p", {class: "kg-meta"}, el("bdi", {}, ev.title || ev.doc));
    if (ev.date) m.append(" · ", el("span", {dir: "ltr"}, ev.date));
    if (ev.source) m.append(" · ", el("bdi", {}, ev.source));
    if (ev.modality && ev.modality !== "asserted") m.append(" · ", el("span", {class: "kg-modality"}, ev.modality));
    if (withLink && /^https?:\/\//i.test(ev.url || "")) {
      m.append(" · ", el("a", {href: ev.url, target: "_blank", rel: "noopener noreferrer", dir: "ltr"}, "المصدر ↗"));
    }
    return m;
  }

  function typeLabel(t) {
    var s = data.etypes[t];
    return s ? s.label_ar + " · " + s.label_en : t;
  }

  function nodeTooltip(n) {
    var d = el("div", {dir: "rtl"}, el("p", {class: "kg-tt-head", dir: "auto"}, n.label));
    d.appendChild(el("p", {}, typeLabel(n.etype)));
    if (n.aliases && n.aliases.length) d.appendChild(el("p", {}, "أسماء أخرى: ", el("bdi", {}, n.aliases.join("، "))));
    d.appendChild(el("p", {}, "روابط: " + n.degree + " · وثائق: " + n.ndocs));
    if (n.id !== page.entity) d.appendChild(el("p", {class: "kg-hint"}, "انقر لفتح صفحته · click to open its page"));
    return d;
  }

  function labelOf(id) { var n = nodes.get(id); return n ? n.label : id; }

  function edgeHead(e) {
    var r = data.rtypes[e.rtype] || {label_ar: e.rtype, label_en: e.rtype};
    return el("p", {class: "kg-tt-head"}, el("bdi", {}, labelOf(e.from)), " ← ",
      el("bdi", {}, r.label_ar === r.label_en ? r.label_ar : r.label_ar + " (" + r.label_en + ")"), " ← ", el("bdi", {}, labelOf(e.to)));
  }

  function edgeTooltip(e) {
    var d = el("div", {dir: "rtl"}, edgeHead(e));
    var evs = e.evidence || [], k = page.tooltipEvidence, total = e.nevidence || evs.length;
    evs.slice(0, k).forEach(function (ev) {
      d.appendChild(el("div", {class: "kg-ev"}, sentence(ev), meta(ev, false)));
    });
    if (total > k) d.appendChild(el("p", {class: "kg-hint"}, "+" + (total - k) + " أدلة أخرى: انقر على العلاقة · click the edge"));
    return d;
  }

  function showDetails(e) {
    var box = document.getElementById("kg-details");
    box.replaceChildren(el("h3", {}, edgeHead(e)));
    var ol = el("ol");
    (e.evidence || []).forEach(function (ev) { ol.appendChild(el("li", {}, sentence(ev), meta(ev, true))); });
    box.appendChild(ol);
    var more = (e.nevidence || 0) - (e.evidence || []).length;
    if (more > 0) {
      var a = nodes.get(e.from), b = nodes.get(e.to);
      box.appendChild(el("p", {class: "kg-hint"}, "+" + more + " أدلة أخرى في صفحتي · more on the pages of ",
        el("a", {href: root + a.href, dir: "auto"}, a.label), " · ", el("a", {href: root + b.href, dir: "auto"}, b.label)));
    }
  }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);

  function checked(attr) {
    var on = new Set();
    document.querySelectorAll("input[" + attr + "]").forEach(function (c) { if (c.checked) on.add(c.getAttribute(attr)); });
    return on;
  }

  /* Filters: entity type (nodes), relation type, and the evidence's modality, confidence and source (an
   * edge stays while one of its sentences passes: e.facets lists them all as [modality, source, confidence]). */
  var confInput = document.getElementById("kg-confidence"), srcInput = document.getElementById("kg-source");
  var filter = {};
  function readFilters() {
    filter = {etype: checked("data-etype"), rtype: checked("data-rtype"), modality: checked("data-modality"),
              confidence: confInput ? +confInput.value : 0, source: srcInput ? srcInput.value : ""};
    if (confInput) document.getElementById("kg-confidence-value").textContent = confInput.value;
  }
  function passes(modality, source, confidence) {
    return filter.modality.has(modality) && (!filter.source || source === filter.source) && confidence >= filter.confidence;
  }
  function edgeShown(e) {
    return filter.rtype.has(e.rtype) && (e.facets || []).some(function (f) { return passes(f[0], f[1], f[2]); });
  }
  readFilters();
  var nodesView = new vis.DataView(nodes, {filter: function (n) { return filter.etype.has(n.etype) || n.id === page.entity; }});
  var edgesView = new vis.DataView(edges, {filter: edgeShown});

  /* Entity pages list every evidence sentence (and event) but show page.pageSize at a time; the
   * filters apply to the lists too. pager() returns a function that re-applies them from page 1. */
  function pager(sectionId, itemSelector, shown) {
    var box = document.getElementById(sectionId);
    if (!box) return function () {};
    var items = Array.prototype.slice.call(box.querySelectorAll(itemSelector)), size = page.pageSize, at = 0;
    var navs = box.querySelectorAll(".kg-pager");
    function render() {
      var match = items.filter(shown), pages = Math.max(1, Math.ceil(match.length / size));
      at = Math.max(0, Math.min(at, pages - 1));
      var visible = new Set(match.slice(at * size, (at + 1) * size));
      items.forEach(function (it) { it.hidden = !visible.has(it); });
      box.querySelectorAll(".kg-rel").forEach(function (a) { a.hidden = !a.querySelector("li:not([hidden])"); });
      navs.forEach(function (nav) {
        nav.querySelector(".kg-page-info").textContent = match.length ?
          (at * size + 1) + "–" + Math.min(match.length, (at + 1) * size) + " / " + match.length : "0";
        nav.querySelector("[data-step='-1']").disabled = at === 0;
        nav.querySelector("[data-step='1']").disabled = at >= pages - 1;
      });
    }
    navs.forEach(function (nav) {
      nav.addEventListener("click", function (ev) {
        var b = ev.target.closest("button[data-step]");
        if (!b) return;
        at += +b.getAttribute("data-step");
        render();
        nav.scrollIntoView({block: "nearest"});
      });
    });
    render();
    return function () { at = 0; render(); };
  }
  var lists = [];
  function setUpLists() {
    lists = [
      pager("kg-relations", "li.kg-ev-item", function (li) {
        return filter.rtype.has(li.closest(".kg-rel").getAttribute("data-rtype")) &&
          passes(li.getAttribute("data-modality"), li.getAttribute("data-source"), +li.getAttribute("data-confidence"));
      }),
      pager("kg-events", "tr.kg-event", function (tr) { return filter.rtype.has(tr.getAttribute("data-rtype")); }),
    ];
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpLists);
  else setUpLists();

  function refilter() {
    readFilters();
    nodesView.refresh(); edgesView.refresh();
    lists.forEach(function (again) { again(); });
  }
  document.querySelectorAll("input[data-etype], input[data-rtype], input[data-modality]").forEach(function (c) {
    c.addEventListener("change", refilter);
  });
  if (confInput) confInput.addEventListener("input", refilter);
  if (srcInput) srcInput.addEventListener("change", refilter);

  performance.mark("kg-data-ready");
  var header = document.getElementById("kg-header");
  document.documentElement.style.setProperty("--kg-header-h", header.offsetHeight + "px");
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, {nodes: nodesView, edges: edgesView}, data.options);
  performance.mark("kg-network-created");
  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;

  function ready() {
    network.once("afterDrawing", function () {
      window.kgReadyAt = performance.now();
      window.kgReady = true;
      document.body.setAttribute("data-kg-ready", "1");
    });
    network.redraw();
  }
  if (data.nodes.length === 0) ready();
  /* The best ranked nodes (n.top) keep a readable label at the default zoom: their label is sized in
   * canvas units so that it is page.labelPx on screen now; zooming in grows it up to maxVisible. */
  function labelTopNodes() {
    var px = page.labelPx / network.getScale();
    nodes.update(data.nodes.filter(function (n) { return n.top; }).map(function (n) {
      return {id: n.id, scaling: {label: {enabled: true, min: px, max: px, maxVisible: 22, drawThreshold: 5}}};
    }));
  }
  network.once("stabilizationIterationsDone", function () {
    performance.mark("kg-stabilized");
    network.setOptions({physics: {enabled: false}});
    network.fit();
    labelTopNodes();
    ready();
  });

  /* Tooltips are built on first hover (vis shows the popup tooltipDelay ms after the hover event):
   * building thousands of DOM tooltips up front would delay the first drawing. */
  var withTitle = new Set();
  network.on("hoverNode", function (p) {
    if (withTitle.has("n:" + p.node)) return;
    withTitle.add("n:" + p.node);
    nodes.update({id: p.node, title: nodeTooltip(nodes.get(p.node))});
  });
  network.on("hoverEdge", function (p) {
    if (withTitle.has("e:" + p.edge)) return;
    withTitle.add("e:" + p.edge);
    edges.update({id: p.edge, title: edgeTooltip(edges.get(p.edge))});
  });

  network.on("click", function (p) {
    if (p.nodes.length) {
      var n = nodes.get(p.nodes[0]);
      if (n && n.id !== page.entity) window.location.href = root + n.href;
    } else if (p.edges.length) {
      showDetails(edges.get(p.edges[0]));
    }
  });

  document.getElementById("kg-lang").addEventListener("click", function (ev) {
    lang = lang === "ar" ? "en" : "ar";
    ev.target.textContent = lang === "ar" ? "EN" : "ع";
    if (!page.edgeLabels) return;
    edges.update(edges.get().map(function (e) { return {id: e.id, label: lang === "ar" ? e.label_ar : e.label_en}; }));
  });

  /* Search over every entity of the graph (lib/entities.js), Arabic spelling variants folded. */
  function fold(s) {
    return String(s).normalize("NFKC").replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه").replace(/ؤ/g, "و").replace(/ئ/g, "ي")
      .toLowerCase();
  }
  var all = (window.KG_ENTITIES || []).map(function (r) {
    return {id: r[0], label: r[1], type: r[2], href: r[3], key: fold(r[1]), alt: fold(r[4] || "")};
  });
  var input = document.getElementById("kg-search"), results = document.getElementById("kg-results");
  function search() {
    var q = fold(input.value.trim());
    results.replaceChildren();
    if (!q) return;
    var hits = all.filter(function (r) { return r.key.indexOf(q) >= 0 || r.alt.indexOf(q) >= 0; });
    hits.sort(function (a, b) {
      return (b.key.indexOf(q) === 0) - (a.key.indexOf(q) === 0) || (a.key.indexOf(q) < 0) - (b.key.indexOf(q) < 0);
    });
    hits.slice(0, 40).forEach(function (r) {
      var li = el("li", {role: "option", "data-id": r.id},
        el("a", {href: root + r.href, dir: "auto"}, r.label), el("span", {class: "kg-type"}, typeLabel(r.type)));
      if (nodes.get(r.id)) {
        var b = el("button", {type: "button", title: "أظهره في الرسم · show in the drawing"}, "⌖");
        b.addEventListener("click", function () {
          network.selectNodes([r.id]);
          network.focus(r.id, {scale: 1.2, animation: {duration: 400}});
        });
        li.appendChild(b);
      }
      results.appendChild(li);
    });
    if (hits.length > 40) results.appendChild(el("li", {class: "kg-hint"}, "+" + (hits.length - 40)));
  }
  input.addEventListener("input", search);
})();

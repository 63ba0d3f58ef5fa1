// Index page: the date-range filter. Hides the edges none of whose event dates fall between the two
// dates (window.kgEdges is the vis DataSet kg.js draws; window.KG_EDGE_DATES maps edge id -> ISO dates).
(function () {
  "use strict";
  var box = document.getElementById("kg-date-filter");
  if (!box || !window.kgEdges) { return; }
  var from = box.querySelector("input[name=from]"), to = box.querySelector("input[name=to]");
  var count = box.querySelector(".kg-date-count");
  var dates = JSON.parse(document.getElementById("kg-edge-dates").textContent);
  function apply() {
    var lo = from.value || "0000-00-00", hi = to.value || "9999-99-99", shown = 0, updates = [];
    window.kgEdges.forEach(function (e) {
      var ds = dates[e.id] || [];
      var on = ds.some(function (d) { return d >= lo && d <= hi; }) || (!from.value && !to.value);
      if (on) { shown += 1; }
      if (!!e.hidden === on) { updates.push({id: e.id, hidden: !on}); }
    });
    window.kgEdges.update(updates);
    count.textContent = shown;
  }
  from.addEventListener("change", apply);
  to.addEventListener("change", apply);
  apply();
})();

/* The page of `azma export html`: inlined into the page (its hash is in the page's
   Content-Security-Policy). One set of filters for every section; a timeline that zooms and
   pans (wheel, drag, pinch, buttons, keys, a brush on the overview) with labels that never
   overlap. Every string the script shows the reader comes from the "text" of the page's "search-data" block. */
(function () {
  "use strict";
  // a language written right to left: the picture is drawn mirrored (page.css), so a pointer's
  // place and a drag's direction are mirrored too, and the arrow key pointing left goes later
  var rtl = document.documentElement.dir === "rtl", sense = rtl ? -1 : 1;
  function along(clientX, box) { var f = (clientX - box.left) / box.width; return rtl ? 1 - f : f; }
  var $ = function (id) { return document.getElementById(id); };
  var all = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var NS = "http://www.w3.org/2000/svg";
  var form = $("filters"), svg = $("tl"), over = $("tl-overview");
  var lookup = JSON.parse($("search-data").textContent), T = lookup.text;
  var fieldSel = $("field-filter"), text = $("text-filter"), from = $("from-filter"), to = $("to-filter");
  var records = all("li.record"), agreements = all("tr.agreement"), trade = all("[data-trade]");
  var years = all("section.year");
  var markers = svg ? all("a.marker", svg) : [];
  var byId = {};
  markers.forEach(function (m) { byId[m.getAttribute("data-id")] = m; });
  function say(key, values) {
    return T[key].replace(/\{(\w+)\}/g, function (_, k) { return values && k in values ? values[k] : ""; });
  }

  /* ------------------------------------------------------------------ search and filters */
  var foldRe = new RegExp("[" + Object.keys(lookup.fold).join("") + "]", "g");
  function fold(s) {
    s = s.toLowerCase();
    if (/^[\x00-\x7f]*$/.test(s)) { return s; }
    return s.replace(foldRe, function (c) { return lookup.fold[c]; }).normalize("NFKD").replace(/\p{Mn}/gu, "");
  }
  function expand(needle) {
    var out = [needle];
    lookup.aliases.forEach(function (group) {
      if (group.indexOf(needle) >= 0) { group.forEach(function (n) { if (out.indexOf(n) < 0) { out.push(n); } }); }
    });
    return out;
  }
  function query(typed) {  // the CLI's TextQuery: the phrase, or else every word
    var phrase = fold(typed).split(/\s+/).filter(Boolean).join(" ");
    if (!phrase) { return null; }
    var words = phrase.split(" ").filter(function (w, i, a) { return a.indexOf(w) === i; });
    return { phrase: expand(phrase), words: words.length > 1 ? words.map(expand) : [] };
  }
  function has(hay, needles) { return needles.some(function (n) { return hay.indexOf(n) >= 0; }); }
  function matches(q, hay) {
    return has(hay, q.phrase) || (q.words.length > 0 && q.words.every(function (w) { return has(hay, w); }));
  }
  function inWindow(el) {
    var since = from.value, until = to.value;
    if (!since && !until) { return true; }
    return (el.getAttribute("data-spans") || "").split(" ").some(function (span) {
      var p = span.split("/");
      return p.length === 2 && (!since || p[1] >= since) && (!until || p[0] <= until);
    });
  }
  function keep(el, q, field) {
    var fields = (el.getAttribute("data-fields") || "").split(" ");
    if (field && (el.hasAttribute("data-trade") || fields.indexOf(field) < 0)) { return false; }
    return inWindow(el) && (!q || matches(q, el.getAttribute("data-search") || ""));
  }
  var filtering = false;  // the user has chosen something: what matches is labelled first
  function apply() {
    var q = query(text.value), field = fieldSel.value, shown = 0, counts = {};
    records.forEach(function (r) {
      var ok = keep(r, q, field);
      r.hidden = !ok;
      if (ok) { shown += 1; }
      var m = byId[r.getAttribute("data-id")];
      if (m) {
        if (ok) { m.removeAttribute("display"); } else { m.setAttribute("display", "none"); }
        if (ok) { counts[m.getAttribute("data-year")] = (counts[m.getAttribute("data-year")] || 0) + 1; }
      }
    });
    years.forEach(function (y) { y.hidden = !y.querySelector("li.record:not([hidden])"); });
    var nA = 0, nT = 0;
    agreements.forEach(function (a) { a.hidden = !keep(a, q, field); if (!a.hidden) { nA += 1; } });
    trade.forEach(function (t) { t.hidden = !keep(t, q, field); if (!t.hidden && t.tagName === "TR") { nT += 1; } });
    $("no-agreement").hidden = nA > 0 || !agreements.length;
    $("no-trade").hidden = nT > 0 || !trade.length;
    $("no-match").hidden = shown > 0;
    filtering = !!(q || field || from.value || to.value);
    var parts = [say("status", { shown: shown, records: records.length, agreements_shown: nA,
      agreements: agreements.length, trade_shown: nT, trade: all("tr[data-trade]").length })];
    if (field) { parts.push(say("status_field", { field: field })); }
    if (text.value.trim()) { parts.push(say("status_search", { text: text.value.trim() })); }
    if (from.value || to.value) {
      parts.push(say("status_period", { from: from.value || T.the_start, to: to.value || T.the_end }));
    }
    $("filter-status").textContent = parts.join("; ");
    if (svg) { density(counts); period(); layout(); }
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(); layout(); }, 0); });
  [fieldSel, from, to].forEach(function (c) { c.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  form.hidden = false;
  var box = $("filter-box");  // on a phone the filters fold away under their summary
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 40rem)") : null;
  function fit() { if (box && narrow) { box.open = !narrow.matches; } }
  fit();
  if (narrow && narrow.addEventListener) { narrow.addEventListener("change", fit); }
  records.forEach(function (r) {  // on a phone a record shows its details when asked
    var button = document.createElement("button"), title = r.querySelector(".title");
    button.type = "button"; button.className = "more"; button.textContent = T.more;
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      var opened = r.classList.toggle("open");
      button.setAttribute("aria-expanded", String(opened));
      button.textContent = opened ? T.less : T.more;
    });
    (r.querySelector(".summary") || title).insertAdjacentElement("afterend", button);
  });
  window.addEventListener("beforeprint", function () { if (box) { box.open = true; } });

  /* ------------------------------------------------------------------ the details panel */
  var detail = $("detail");
  function open(id) {
    var record = $("r-" + id);
    if (!record) { return; }
    var body = $("detail-body");
    body.textContent = "";
    var copy = record.cloneNode(true);
    copy.removeAttribute("id"); copy.hidden = false;
    body.appendChild(copy);
    var cited = document.createElement("ol");  // the sources in full, with their links
    cited.className = "cited";
    all("a[href^='#source-']", copy).forEach(function (a) {
      var source = $(a.getAttribute("href").slice(1)), item = document.createElement("li");
      if (!source) { return; }
      item.value = +a.getAttribute("href").slice(8);
      Array.prototype.forEach.call(source.childNodes, function (n) { item.appendChild(n.cloneNode(true)); });
      cited.appendChild(item);
    });
    if (cited.firstChild) { body.appendChild(cited); }
    detail.hidden = false;
    markers.forEach(function (m) { m.classList.toggle("current", m.getAttribute("data-id") === id); });
    detail.focus();
  }
  $("detail-close").addEventListener("click", function () {
    detail.hidden = true;
    markers.forEach(function (m) { m.classList.remove("current"); });
  });
  if (!svg) { apply(); return; }

  /* ------------------------------------------------------------------ the scale
     `u` is a place on the whole axis, 0 to 1: each year with records takes room by how many it
     holds, a run of empty years one narrow gap (a broken axis). `view` is the part drawn. */
  var scale = JSON.parse(svg.getAttribute("data-scale"));  // [[t, u], ...] at year edges and gaps
  var ticks = JSON.parse(svg.getAttribute("data-ticks"));  // [[year, u0, u1, label], ...]
  var gaps = JSON.parse(svg.getAttribute("data-gaps"));  // [[u0, u1, label], ...]
  var view = [0, 1], MIN = 0.004;
  function tToU(t) {
    for (var i = 1; i < scale.length; i += 1) {
      if (t <= scale[i][0]) {
        var a = scale[i - 1], b = scale[i];
        return b[0] === a[0] ? a[1] : a[1] + (b[1] - a[1]) * (t - a[0]) / (b[0] - a[0]);
      }
    }
    return 1;
  }
  function uToT(u) {
    for (var i = 1; i < scale.length; i += 1) {
      if (u <= scale[i][1]) {
        var a = scale[i - 1], b = scale[i];
        return b[1] === a[1] ? a[0] : a[0] + (b[0] - a[0]) * (u - a[1]) / (b[1] - a[1]);
      }
    }
    return scale[scale.length - 1][0];
  }
  function isoToT(iso) {
    var d = new Date(iso + "T00:00:00Z"), y = d.getUTCFullYear();
    return y + (d - Date.UTC(y, 0, 1)) / (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1));
  }
  function tToIso(t) {
    var y = Math.floor(t), ms = Date.UTC(y, 0, 1) + (t - y) * (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1));
    var d = new Date(ms), iso = d.toISOString().slice(0, 10);
    return y >= 1 && y <= 9999 ? iso : null;
  }
  var width = 800;
  function x(u) { return (u - view[0]) / (view[1] - view[0]) * width; }

  /* ------------------------------------------------------------------ lanes */
  var LABEL_ROW = 17, ROW = 12, LANE_HEAD = 15, AXIS = 24, MAX_ROWS = 6;
  var labelRows = 4, lanesTop = 0, laneTops = [], placed = [];
  function laneSet() { return form.querySelector("input[name=lanes]:checked").value; }
  function layout() {  // stack markers in their lanes without overlap at the whole-axis scale
    var set = laneSet(), names = JSON.parse(svg.getAttribute("data-lanes-" + set));
    width = svg.getBoundingClientRect().width || 800;
    labelRows = width < 700 ? 3 : width < 1100 ? 4 : 5;
    var full = width / (view[1] - view[0]), rows = names.map(function () { return []; });
    placed = [];
    markers.slice().sort(function (a, b) { return a.getAttribute("data-u0") - b.getAttribute("data-u0"); }).forEach(function (m) {
      var lane = +m.getAttribute("data-lane-" + set), tail = m.getAttribute("data-tail") || "";
      if (m.getAttribute("display") === "none") { placed.push([m, lane, 0]); return; }  // filtered out: no room
      var left = (m.getAttribute("data-u0") - view[0]) * full - 6 - (tail === "l" ? 14 : 0);
      var right = (m.getAttribute("data-u1") - view[0]) * full + 6 + (tail === "r" ? 14 : 0);
      var r = 0, ends = rows[lane];
      while (r < ends.length && ends[r] > left) { r += 1; }
      if (r >= MAX_ROWS) { r = ends.indexOf(Math.min.apply(null, ends)); }  // full: the row that ends first
      ends[r] = Math.max(ends[r] === undefined ? -Infinity : ends[r], right);
      placed.push([m, lane, r]);
    });
    lanesTop = labelRows * LABEL_ROW + 8 + AXIS;
    var y = lanesTop, g = $("tl-lanes");
    laneTops = [];
    while (g.firstChild) { g.removeChild(g.firstChild); }
    names.forEach(function (name, i) {
      var h = LANE_HEAD + Math.max(1, rows[i].length) * ROW + 6;
      laneTops.push(y);
      var band = document.createElementNS(NS, "rect"), label = document.createElementNS(NS, "text");
      band.setAttribute("class", "band"); band.setAttribute("x", "0"); band.setAttribute("width", "100%");
      band.setAttribute("y", y + 2); band.setAttribute("height", h - 4);
      label.setAttribute("class", "lane-name"); label.setAttribute("x", "4"); label.setAttribute("y", y + 13);
      label.textContent = name;
      g.appendChild(band); g.appendChild(label);
      y += h;
    });
    placed.forEach(function (p) {
      p[0].setAttribute("data-y", laneTops[p[1]] + LANE_HEAD + p[2] * ROW + ROW / 2);
    });
    svg.setAttribute("height", y + 4);
    // drawn in the pixels of the screen; the viewBox lets paper (or any narrower box) scale it whole
    svg.setAttribute("viewBox", "0 0 " + width.toFixed(0) + " " + (y + 4));
    draw();
  }

  /* ------------------------------------------------------------------ drawing at the view */
  var measure = document.createElementNS(NS, "text");
  measure.setAttribute("class", "label key"); measure.setAttribute("x", "0"); measure.setAttribute("y", "0");
  measure.setAttribute("opacity", "0"); measure.setAttribute("aria-hidden", "true");
  svg.appendChild(measure);
  var widths = {};
  function textWidth(s) {
    if (!(s in widths)) { measure.textContent = s; widths[s] = measure.getComputedTextLength() || s.length * 6.5; }
    return widths[s];
  }
  function el(name, attrs, parent, content) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (content !== undefined) { e.textContent = content; }
    parent.appendChild(e);
    return e;
  }
  function clear(g) { while (g.firstChild) { g.removeChild(g.firstChild); } return g; }
  function drawAxis() {
    var g = clear($("tl-axis")), top = labelRows * LABEL_ROW + 8, bottom = svg.getAttribute("height");
    var lastRight = -Infinity, perYear = width / Math.max(1e-9, view[1] - view[0]);
    ticks.forEach(function (t) {
      var x0 = x(t[1]), x1 = x(t[2]);
      if (x1 < -40 || x0 > width + 40) { return; }
      el("line", { class: "tick", x1: x0, x2: x0, y1: top, y2: bottom }, g);
      var label = t[3], w = textWidth(label) * 0.9, mid = Math.min(Math.max((x0 + x1) / 2, w / 2 + 2), width - w / 2 - 2);
      if (mid - w / 2 > lastRight + 6 && x1 - x0 > 8) {
        el("text", { class: "year", x: mid, y: top + 16, "text-anchor": "middle" }, g, label);
        lastRight = mid + w / 2;
      }
    });
    gaps.forEach(function (gap) {
      var x0 = x(gap[0]), x1 = x(gap[1]);
      if (x1 < 0 || x0 > width) { return; }
      var m = (x0 + x1) / 2;
      el("path", { class: "brk", d: "M" + (m - 4) + "," + (top + 4) + "l4,5l-4,5M" + (m + 2) + "," + (top + 4) + "l4,5l-4,5" }, g)
        .appendChild(document.createElementNS(NS, "title")).textContent = gap[2];
    });
    return perYear;
  }
  function drawMarkers() {
    var per = width / (view[1] - view[0]);
    markers.forEach(function (m) {
      var u0 = +m.getAttribute("data-u0"), u1 = +m.getAttribute("data-u1"), px = x(u0);
      var inside = x(u1) >= -20 && px <= width + 20;
      m.setAttribute("transform", "translate(0 " + m.getAttribute("data-y") + ")");
      m.style.visibility = inside ? "" : "hidden";
      var shapes = m.querySelector("svg"), span = m.querySelector(".span, .maybe");
      shapes.setAttribute("x", px.toFixed(1));
      if (span) { span.setAttribute("x", px.toFixed(1)); span.setAttribute("width", Math.max(1, (u1 - u0) * per).toFixed(1));
        if (span.tagName === "line") { span.setAttribute("x1", px.toFixed(1)); span.setAttribute("x2", x(u1).toFixed(1)); } }
    });
  }
  function drawLabels() {  // greedy: most important first, each in the first row where it fits
    var g = clear($("tl-labels")), rows = [], out = [];
    for (var r = 0; r < labelRows; r += 1) { rows.push([]); }
    var candidates = markers.filter(function (m) {
      if (m.getAttribute("display") === "none" || m.style.visibility === "hidden") { return false; }
      var px = x(+m.getAttribute("data-u0"));
      return px >= 0 && px <= width;
    }).map(function (m) {
      var rank = +m.getAttribute("data-rank") + (filtering ? 4 : 0);
      return [m, rank, +m.getAttribute("data-u0")];
    }).sort(function (a, b) { return b[1] - a[1] || a[2] - b[2]; });
    var zoomedIn = (view[1] - view[0]) < 0.35;
    candidates.forEach(function (c) {
      if (c[1] < 1 && !zoomedIn) { return; }  // ordinary records are named once there is room
      var m = c[0], label = m.getAttribute("data-label"), w = textWidth(label) + 6, px = x(c[2]);
      var places = [Math.min(Math.max(px - 3, 0), width - w), Math.min(Math.max(px - w + 3, 0), width - w)];
      for (var r = 0; r < labelRows; r += 1) {  // starting at its marker, else ending there
        for (var p = 0; p < places.length; p += 1) {
          var left = places[p];
          var free = rows[r].every(function (b) { return left + w + 4 < b[0] || left > b[1] + 4; });
          if (free) { rows[r].push([left, left + w]); out.push([m, label, left, r, px, c[1]]); return; }
        }
      }
    });
    out.forEach(function (o) {  // the leader lines first: the labels' halo covers them
      var y = 4 + o[3] * LABEL_ROW + 12, my = +o[0].getAttribute("data-y");
      el("line", { class: "leader", x1: o[4], x2: o[4], y1: y + 3, y2: my - 6 }, g);
    });
    out.forEach(function (o) {
      var y = 4 + o[3] * LABEL_ROW + 12;
      var t = el("text", { class: "label" + (o[5] >= 2 ? " key" : ""), x: o[2], y: y, "data-for": o[0].getAttribute("data-id") }, g, o[1]);
      t.addEventListener("click", function () { open(o[0].getAttribute("data-id")); });
    });
    svg.setAttribute("data-labels", out.length);
  }
  function drawRange() {
    var a = tToIso(uToT(view[0])), b = tToIso(uToT(view[1]) - 0.5 / 366);
    $("tl-range").textContent = a && b ? say("range", { from: a, to: b }) : "";
    var brush = $("tl-brush");
    brush.setAttribute("x", (view[0] * 100).toFixed(3) + "%");
    brush.setAttribute("width", ((view[1] - view[0]) * 100).toFixed(3) + "%");
    $("tl-h0").setAttribute("x", (view[0] * overWidth() - 3).toFixed(1));
    $("tl-h1").setAttribute("x", (view[1] * overWidth() - 3).toFixed(1));
  }
  var pending = 0;
  function draw() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { drawAxis(); drawMarkers(); drawLabels(); drawRange(); });
  }
  function drawNow() { cancelAnimationFrame(pending); drawAxis(); drawMarkers(); drawLabels(); drawRange(); }
  function density(counts) {
    var bars = all(".density rect", over), peak = 1;
    Object.keys(counts).forEach(function (k) { peak = Math.max(peak, counts[k]); });
    bars.forEach(function (b) {
      var n = counts[b.getAttribute("data-year")] || 0, h = n ? Math.max(2, 26 * n / peak) : 0;
      b.setAttribute("height", h.toFixed(1)); b.setAttribute("y", (30 - h).toFixed(1));
      b.firstChild.textContent = say("year_count", { year: b.getAttribute("data-year"), count: n });
    });
  }
  function period() {  // the period filter, shown on the overview
    var sel = $("tl-sel");
    if (!from.value && !to.value) { sel.setAttribute("hidden", ""); return; }
    var a = from.value ? tToU(isoToT(from.value)) : 0, b = to.value ? tToU(isoToT(to.value) + 1 / 365) : 1;
    sel.removeAttribute("hidden");
    sel.setAttribute("x", (Math.min(a, b) * 100).toFixed(3) + "%");
    sel.setAttribute("width", (Math.max(0.002, Math.abs(b - a)) * 100).toFixed(3) + "%");
  }

  /* ------------------------------------------------------------------ zoom and pan */
  function setView(a, b, now) {
    var span = Math.min(1, Math.max(MIN, b - a));
    a = Math.min(Math.max(0, a), 1 - span);
    var changed = Math.abs(span - (view[1] - view[0])) > 1e-9;
    view = [a, a + span];
    if (changed) { layout(); } else if (now) { drawNow(); } else { draw(); }
  }
  function zoom(factor, at) {  // at: a place on the drawing, 0 to 1 (default: the middle)
    var f = at === undefined ? 0.5 : at, span = view[1] - view[0], pivot = view[0] + f * span;
    var next = Math.min(1, Math.max(MIN, span * factor));
    setView(pivot - f * next, pivot - f * next + next);
  }
  function pan(fraction) { var span = view[1] - view[0]; setView(view[0] + fraction * span, view[1] + fraction * span); }
  $("zoom-in").addEventListener("click", function () { zoom(0.5); });
  $("zoom-out").addEventListener("click", function () { zoom(2); });
  $("pan-left").addEventListener("click", function () { pan(-0.4); });
  $("pan-right").addEventListener("click", function () { pan(0.4); });
  $("zoom-reset").addEventListener("click", function () { setView(0, 1); });
  $("use-period").addEventListener("click", function () {
    var a = tToIso(uToT(view[0])), b = tToIso(uToT(view[1]) - 0.5 / 366);
    if (a) { from.value = a; }
    if (b) { to.value = b; }
    apply();
  });
  svg.addEventListener("wheel", function (event) {
    if (!event.ctrlKey && Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      event.preventDefault(); pan(sense * event.deltaX / width); return;
    }
    event.preventDefault();
    var box = svg.getBoundingClientRect();
    zoom(Math.exp(event.deltaY * (event.deltaMode ? 0.05 : 0.0015)), along(event.clientX, box));
  }, { passive: false });
  var pointers = {}, dragFrom = null, pinchFrom = null;
  function spread() {
    var p = Object.keys(pointers).map(function (k) { return pointers[k]; });
    return p.length < 2 ? null : { d: Math.abs(p[0].x - p[1].x) || 1, mid: (p[0].x + p[1].x) / 2 };
  }
  svg.addEventListener("pointerdown", function (event) {
    if (event.button !== 0 || event.target.closest("a.marker, .label")) { return; }
    pointers[event.pointerId] = { x: event.clientX };
    svg.setPointerCapture(event.pointerId);
    svg.classList.add("dragging");
    var s = spread();
    if (s) { pinchFrom = { s: s, view: view.slice() }; dragFrom = null; } else { dragFrom = { x: event.clientX, view: view.slice() }; }
  });
  svg.addEventListener("pointermove", function (event) {
    if (!(event.pointerId in pointers)) { return; }
    pointers[event.pointerId] = { x: event.clientX };
    var box = svg.getBoundingClientRect(), s = spread();
    if (pinchFrom && s) {
      var span0 = pinchFrom.view[1] - pinchFrom.view[0], next = Math.min(1, Math.max(MIN, span0 * pinchFrom.s.d / s.d));
      var f0 = along(pinchFrom.s.mid, box), pivot = pinchFrom.view[0] + f0 * span0;
      var f1 = along(s.mid, box);
      setView(pivot - f1 * next, pivot - f1 * next + next);
    } else if (dragFrom) {
      var shift = sense * (event.clientX - dragFrom.x) / box.width * (dragFrom.view[1] - dragFrom.view[0]);
      setView(dragFrom.view[0] - shift, dragFrom.view[1] - shift);
    }
  });
  function release(event) {
    delete pointers[event.pointerId];
    if (!spread()) { pinchFrom = null; }
    if (!Object.keys(pointers).length) { dragFrom = null; svg.classList.remove("dragging"); }
  }
  svg.addEventListener("pointerup", release);
  svg.addEventListener("pointercancel", release);

  /* the overview: drag the window to pan, its edges to zoom, anywhere else to draw a new one */
  function overWidth() { return over.getBoundingClientRect().width || 800; }
  var brushing = null;
  over.addEventListener("pointerdown", function (event) {
    if (event.button !== 0) { return; }
    var box = over.getBoundingClientRect(), u = along(event.clientX, box);
    var edge = 6 / box.width, mode = "new";
    var whole = view[1] - view[0] > 0.999;  // on the whole period, a drag draws a new window
    if (!whole && Math.abs(u - view[0]) < edge) { mode = "left"; } else if (!whole && Math.abs(u - view[1]) < edge) { mode = "right"; }
    else if (!whole && u > view[0] && u < view[1]) { mode = "move"; }
    brushing = { mode: mode, u: u, view: view.slice() };
    over.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  over.addEventListener("pointermove", function (event) {
    if (!brushing) { return; }
    var box = over.getBoundingClientRect(), u = Math.min(1, Math.max(0, along(event.clientX, box)));
    var v = brushing.view;
    if (brushing.mode === "move") { setView(v[0] + u - brushing.u, v[1] + u - brushing.u); }
    else if (brushing.mode === "left") { setView(Math.min(u, v[1] - MIN), v[1]); }
    else if (brushing.mode === "right") { setView(v[0], Math.max(u, v[0] + MIN)); }
    else if (Math.abs(u - brushing.u) * box.width > 3) { setView(Math.min(u, brushing.u), Math.max(u, brushing.u)); }
  });
  over.addEventListener("pointerup", function (event) {
    if (brushing && brushing.mode === "new") {
      var box = over.getBoundingClientRect(), u = along(event.clientX, box);
      if (Math.abs(u - brushing.u) * box.width <= 3) {  // a click: centre the window there
        var span = view[1] - view[0]; setView(u - span / 2, u + span / 2);
      }
    }
    brushing = null;
  });

  /* keys: arrows move between records in date order (the view follows), + and - zoom */
  var ordered = markers.slice().sort(function (a, b) { return a.getAttribute("data-u0") - b.getAttribute("data-u0"); });
  function focusMarker(m) {
    var u = +m.getAttribute("data-u0"), span = view[1] - view[0];
    if (u < view[0] || u > view[1]) { setView(u - span / 2, u + span / 2, true); }
    m.focus();
  }
  svg.addEventListener("keydown", function (event) {
    var m = event.target.closest ? event.target.closest("a.marker") : null, k = event.key;
    var at = m ? Math.min(1, Math.max(0, x(+m.getAttribute("data-u0")) / width)) : undefined;  // keep it in view
    if (k === "+" || k === "=") { zoom(0.5, at); event.preventDefault(); return; }
    if (k === "-" || k === "_") { zoom(2, at); event.preventDefault(); return; }
    if (m && (k === "Enter" || k === " ")) { open(m.getAttribute("data-id")); event.preventDefault(); return; }
    if (!m || (k !== "ArrowRight" && k !== "ArrowLeft" && k !== "Home" && k !== "End")) { return; }
    var visible = ordered.filter(function (o) { return o.getAttribute("display") !== "none"; });
    var i = visible.indexOf(m), next = k === "Home" ? 0 : k === "End" ? visible.length - 1 : i + (k === (rtl ? "ArrowLeft" : "ArrowRight") ? 1 : -1);
    if (next >= 0 && next < visible.length) { focusMarker(visible[next]); }
    event.preventDefault();
  });
  markers.forEach(function (m) {
    m.addEventListener("click", function (event) { event.preventDefault(); open(m.getAttribute("data-id")); });
    m.addEventListener("focus", function () {
      var u = +m.getAttribute("data-u0");
      if (u < view[0] || u > view[1]) { var span = view[1] - view[0]; setView(u - span / 2, u + span / 2, true); }
    });
  });
  all("input[name=lanes]", form).forEach(function (r) { r.addEventListener("change", layout); });
  window.addEventListener("resize", function () { cancelAnimationFrame(pending); pending = requestAnimationFrame(layout); });
  $("tl-tools").hidden = false;
  layout();
  apply();
  drawNow();
})();

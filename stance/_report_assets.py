"""The style sheet and the script of the HTML report, as string constants.

Kept apart from :mod:`stance.report` so that the page's logic reads on its own. Neither refers
to anything outside the page: no web font, no image, no network request. The script is plain
ES5-era JavaScript (no module, no framework) so any browser of the last decade runs it, and the
page stays readable, though static, without it.

What the script does, reading the statements from the ``application/json`` block
``#report-data``:

* filters (stance, actor, actor type, country, document, minimum confidence, words to search
  for) applied to the statements table and to the articles (a statement that does not match is
  dimmed, an article with none that match is hidden), with a live count;
* sorting by any column of a table with a ``sortable`` class (click a header; again to reverse);
* the view of one actor: its statements, grouped by document, with their evidence;
* a CSV download of the statements the filters leave, built in the browser (a ``Blob``).
"""

from __future__ import annotations

__all__ = ["CSS", "SCRIPT"]

CSS = """\
*{box-sizing:border-box}
body{margin:0;background:#f6f7f9;color:#1d1f23;
 font:16px/1.55 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
.page{max-width:1180px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:1.9rem;margin:.2em 0 .6em;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:1.8em 0 .6em;padding-bottom:.25em;border-bottom:1px solid #d9dce1}
.counts{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 12px}
.tile{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:10px 18px;min-width:150px}
.tile .num{display:block;font-size:1.7rem;font-weight:650;line-height:1.2}
.tile .lbl{color:#5b616b;font-size:.88rem}
.tile.warn{border-color:#e0a800;background:#fff8e1}
.bar{display:flex;height:10px;border-radius:5px;overflow:hidden;margin:10px 0 4px;max-width:740px}
.bar span{display:block;height:100%}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:8px 0;font-size:.9rem;color:#3b4048}
.legend .sw,.filters .sw{display:inline-block;width:12px;height:12px;border-radius:3px;
 margin-right:6px;vertical-align:-1px;flex:none}
.notlab,.skipped{font-size:.92rem;color:#3b4048;margin:8px 0}
.notlab ul,.skipped ul{margin:.3em 0 0;padding-left:1.3em}
.skipped summary{cursor:pointer}
.skipped li{overflow-wrap:anywhere}
.notlab code,.src,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
 font-size:.85em}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table.data{border-collapse:collapse;width:100%;background:#fff;border:1px solid #e1e4e8;
 font-size:.92rem}
.data th,.data td{padding:6px 10px;border-bottom:1px solid #eceef1;text-align:left;
 vertical-align:top}
.data th{background:#f0f2f5;font-weight:600;vertical-align:bottom}
.data td.n,.data th.n{text-align:right;font-variant-numeric:tabular-nums}
.actors td.n,.actors th.n{width:8.5%}
.data td.zero{color:#c3c7cd}
.data td.total{font-weight:650}
.data tbody tr:nth-child(even){background:#fafbfc}
.sortable th{cursor:pointer;user-select:none;white-space:nowrap}
.sortable th::after{content:"";display:inline-block;width:1em;color:#6a707a}
.sortable th[aria-sort=ascending]::after{content:" \\25B2"}
.sortable th[aria-sort=descending]::after{content:" \\25BC"}
.note{color:#5b616b;font-size:.9rem;font-style:italic}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,440px),1fr));gap:16px;
 align-items:start}
.charts figure{margin:0;background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:10px}
.charts svg{display:block;width:100%;height:auto}
.charts figcaption{font-size:.88rem;color:#5b616b;margin-top:4px}
.filters{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:12px 16px;
 display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px 16px}
.filters label{display:flex;flex-direction:column;font-size:.82rem;color:#4a5059;gap:2px;
 min-width:0}
.filters select,.filters input{font:inherit;font-size:.95rem;padding:5px 6px;
 border:1px solid #c9ced6;border-radius:5px;background:#fff;min-width:0;width:100%}
.filters fieldset{grid-column:1/-1;border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;
 gap:6px 14px;font-size:.92rem}
.filters fieldset legend{font-size:.82rem;color:#4a5059;padding:0;margin-bottom:2px;width:100%}
.filters fieldset label{flex-direction:row;align-items:center;gap:5px;font-size:.92rem;
 color:#1d1f23}
.filters .search{grid-column:span 2}
.filters .actions{grid-column:1/-1;display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px}
.btn{font:inherit;font-size:.9rem;padding:5px 12px;border:1px solid #9aa1ab;border-radius:5px;
 background:#f3f4f6;color:#1d1f23;cursor:pointer;text-decoration:none;display:inline-block}
.btn:hover{background:#e7e9ec}
#shown-count{font-weight:600}
.chip{display:inline-block;font-size:.78rem;line-height:1.4;padding:0 7px;border-radius:9px;
 color:#fff;white-space:nowrap}
.chip.sw-neutral{color:#1d1f23}
.conf{font-variant-numeric:tabular-nums}
.low{color:#b3261e;font-weight:600}
.linkish{font:inherit;color:#0b57a4;background:none;border:0;padding:0;cursor:pointer;
 text-align:left;text-decoration:underline;text-decoration-color:#9cc0e6}
.unsure{display:inline-block;margin-left:2px;padding:0 4px;border-radius:6px;background:#fde7b0;
 color:#6b4b00;font-weight:700;font-size:.78em;cursor:help}
.ev{color:#5b616b;font-size:.85em}
#statements td.text{min-width:20em}
#statements td.doc{max-width:10em;overflow-wrap:anywhere;font-size:.85em}
#statements td.ev{max-width:11em}
#statements td.conf{width:5.5em}
#actor-view{background:#fff;border:2px solid #0072B2;border-radius:8px;padding:4px 18px 14px;
 margin:18px 0}
#actor-view h2{border:0;margin-top:.6em;display:flex;justify-content:space-between;gap:12px;
 align-items:baseline;overflow-wrap:anywhere}
#actor-view h3{font-size:1rem;margin:1em 0 .3em;overflow-wrap:anywhere}
#actor-view ul{list-style:none;margin:0;padding:0}
#actor-view li{padding:6px 0;border-bottom:1px solid #eceef1}
.meta{color:#4a5059;font-size:.92rem}
article.doc{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:14px 20px;
 margin:14px 0}
article.doc h3{margin:0;font-size:1.05rem;overflow-wrap:anywhere}
article.doc h3 .dir{color:#6a707a;font-weight:400}
article.doc .src{color:#6a707a;margin:2px 0 8px;overflow-wrap:anywhere}
article.doc .voice{color:#6a707a;font-size:.9em;margin:0 0 6px}
article.doc p{margin:.55em 0;line-height:1.9}
.st{padding:1px 2px;border-radius:2px;-webkit-box-decoration-break:clone;
 box-decoration-break:clone}
.st.dim,.st.dim+.badge,.st.dim+.cf{opacity:.28}
.cf{color:#8a9099;font-size:.72rem;margin-left:2px;font-variant-numeric:tabular-nums}
.badge{display:inline-block;font-size:.78rem;line-height:1.35;padding:0 6px;margin:0 2px 0 4px;
 border:1.5px solid;border-radius:9px;background:#fff;color:#2b2f36;white-space:nowrap;
 vertical-align:1px;max-width:100%;overflow:hidden;text-overflow:ellipsis}
.badge b{font-weight:600}
.nothing{font-size:1.05rem;color:#3b4048;background:#fff;border:1px solid #e1e4e8;
 border-radius:8px;padding:16px 20px}
[hidden]{display:none!important}
@media (max-width:640px){
 .page{padding:14px 12px 48px}
 h1{font-size:1.45rem}
 .tile{min-width:0;flex:1 1 40%;padding:8px 12px}
 .tile .num{font-size:1.35rem}
 .filters{grid-template-columns:1fr 1fr;padding:10px}
 .filters .search{grid-column:1/-1}
 article.doc{padding:10px 12px}
 .badge{white-space:normal}
 .data th,.data td{padding:5px 6px}
 .sortable th{white-space:normal}
 table.actors{font-size:.8rem}
 .charts figure{overflow-x:auto}
 .charts svg{min-width:400px}
 #statements thead{display:none}
 #statements,#statements tbody,#statements tr{display:block;width:100%}
 #statements tr{border-bottom:1px solid #d9dce1;padding:8px 6px}
 #statements td{display:inline-block;border:0;padding:0 6px 0 0;text-align:left;width:auto;
  max-width:none}
 #statements td:empty{display:none}
 #statements td.doc{display:block;color:#6a707a;font-size:.78rem}
 #statements td.doc::after{content:" #" attr(data-index)}
 #statements td.n:not(.conf){display:none}
 #statements td.text{display:block;min-width:0;margin:3px 0}
 #statements td.ev{display:block;max-width:none}
}
"""

SCRIPT = r"""
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("report-data").textContent);
  var C = D.fields, rows = D.rows, PAGE = 300;
  var i, byId = function (id) { return document.getElementById(id); };
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function label(s) { return D.labels[s] || s; }
  function conf(r) { return r[C.confidence] === null ? "\u2013" : r[C.confidence].toFixed(2); }
  function chip(s) { return el("span", "chip sw-" + s, label(s)); }
  function unsureMark(r) {
    var m = el("span", "unsure", "?");
    m.title = "attribution unsure: " + r[C.unsure];
    return m;
  }
  function evidence(r) {
    var bits = [];
    if (r[C.cue]) { bits.push("cue: " + r[C.cue]); }
    if (r[C.rule]) { bits.push("rule: " + r[C.rule]); }
    if (r[C.actor_start] !== null && r[C.actor_start] !== undefined) {
      bits.push("actor at " + r[C.actor_start] + "\u2013" + r[C.actor_end]);
    }
    return bits.join(" \u00b7 ");
  }
  function actorButton(r) {
    var b = el("button", "linkish actor-link", r[C.actor]);
    b.type = "button";
    b.setAttribute("data-actor", r[C.actor]);
    return b;
  }

  // ---- filters ----
  var f = {
    stances: document.querySelectorAll("#filters input[name=stance]"),
    actor: byId("f-actor"), type: byId("f-type"), country: byId("f-country"),
    doc: byId("f-doc"), min: byId("f-min"), q: byId("f-q")
  };
  function fill(select, values, show) {
    values.forEach(function (v) {
      var o = el("option", null, show ? show(v) : v);
      o.value = String(v);
      select.appendChild(o);
    });
  }
  function distinct(col) {
    var seen = {}, out = [];
    rows.forEach(function (r) {
      if (!Object.prototype.hasOwnProperty.call(seen, r[col])) {
        seen[r[col]] = 1;
        out.push(r[col]);
      }
    });
    return out.sort(function (a, b) { return String(a).localeCompare(String(b)); });
  }
  fill(f.actor, distinct(C.actor));
  fill(f.type, distinct(C.actor_type));
  fill(f.country, distinct(C.country), function (v) { return v || "(none)"; });
  fill(f.doc, D.docs.map(function (d, k) { return k; }), function (k) { return D.docs[k]; });

  function current() {
    var st = {}, any = false;
    for (i = 0; i < f.stances.length; i++) {
      if (f.stances[i].checked) { st[f.stances[i].value] = 1; any = true; }
    }
    var min = parseFloat(f.min.value);
    return {
      st: st, any: any, actor: f.actor.value, type: f.type.value,
      country: f.country.selectedIndex > 0 ? f.country.value : null,
      doc: f.doc.value === "" ? -1 : parseInt(f.doc.value, 10),
      min: isNaN(min) ? 0 : min,
      words: f.q.value.toLowerCase().split(/\s+/).filter(Boolean)
    };
  }
  function matches(r, q) {
    if (!q.st[r[C.stance]]) { return false; }
    if (q.actor && r[C.actor] !== q.actor) { return false; }
    if (q.type && r[C.actor_type] !== q.type) { return false; }
    if (q.country !== null && r[C.country] !== q.country) { return false; }
    if (q.doc >= 0 && r[C.doc] !== q.doc) { return false; }
    if (r[C.confidence] < q.min) { return false; }
    if (q.words.length) {
      var hay = (r[C.text] + " " + r[C.actor] + " " + r[C.cue] + " " + D.docs[r[C.doc]])
        .toLowerCase();
      for (var w = 0; w < q.words.length; w++) {
        if (hay.indexOf(q.words[w]) < 0) { return false; }
      }
    }
    return true;
  }

  // ---- the statements table ----
  var sort = {key: null, dir: 1}, hits = [], limit = PAGE;
  var keys = {
    doc: function (r) { return r[C.doc] * 1e6 + r[C.index]; },
    index: function (r) { return r[C.index]; },
    actor: function (r) { return r[C.actor].toLowerCase(); },
    actor_type: function (r) { return r[C.actor_type]; },
    country: function (r) { return r[C.country]; },
    stance: function (r) { return D.stances.indexOf(r[C.stance]); },
    confidence: function (r) { return r[C.confidence]; },
    text: function (r) { return r[C.text].toLowerCase(); },
    evidence: function (r) { return evidence(r).toLowerCase(); }
  };
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function sortHits() {
    if (!sort.key) { return; }
    var key = keys[sort.key];
    hits.sort(function (a, b) { return sort.dir * cmp(key(rows[a]), key(rows[b])) || a - b; });
  }
  function cell(tr, name, content, cls) {
    var td = el("td", cls);
    td.setAttribute("data-label", name);
    if (typeof content === "string") { td.textContent = content; } else { td.appendChild(content); }
    tr.appendChild(td);
    return td;
  }
  function renderTable() {
    var body = byId("statements").tBodies[0], frag = document.createDocumentFragment();
    hits.slice(0, limit).forEach(function (k) {
      var r = rows[k], tr = el("tr");
      tr.setAttribute("data-k", k);
      cell(tr, "document", D.docs[r[C.doc]], "doc").setAttribute("data-index", r[C.index]);
      cell(tr, "#", String(r[C.index]), "n");
      var who = cell(tr, "actor", r[C.actor] && r[C.actor] !== "none" ? actorButton(r) : "none");
      if (r[C.unsure]) { who.appendChild(unsureMark(r)); }
      cell(tr, "type", r[C.actor_type]);
      cell(tr, "country", r[C.country]);
      cell(tr, "stance", chip(r[C.stance]));
      cell(tr, "confidence", conf(r), "n conf" + (r[C.confidence] < D.low ? " low" : ""));
      cell(tr, "statement", r[C.text], "text");
      cell(tr, "evidence", evidence(r), "ev");
      frag.appendChild(tr);
    });
    body.textContent = "";
    body.appendChild(frag);
    var more = byId("show-more");
    more.hidden = hits.length <= limit;
    more.textContent = "Show all " + hits.length.toLocaleString("en") + " statements";
  }

  // ---- the articles ----
  var articles = Array.prototype.map.call(document.querySelectorAll("article.doc"), function (a) {
    return {node: a, doc: parseInt(a.getAttribute("data-d"), 10),
      spans: Array.prototype.slice.call(a.querySelectorAll(".st"))};
  });
  function markArticles(ok, q, filtered) {
    var shown = 0;
    articles.forEach(function (a) {
      var any = false;
      a.spans.forEach(function (s) {
        var hit = ok[parseInt(s.getAttribute("data-k"), 10)] === 1;
        s.classList.toggle("dim", !hit);
        any = any || hit;
      });
      var visible = (q.doc < 0 || a.doc === q.doc) && (any || !filtered);
      a.node.hidden = !visible;
      if (visible) { shown++; }
    });
    var note = byId("articles-count");
    if (note) { note.textContent = shown + " of " + articles.length + " articles shown"; }
  }

  function apply() {
    var q = current(), ok = new Uint8Array(rows.length);
    var filtered = !(q.any && Object.keys(q.st).length === D.stances.length) || q.actor ||
      q.type || q.country !== null || q.doc >= 0 || q.min > 0 || q.words.length > 0;
    hits = [];
    for (var k = 0; k < rows.length; k++) {
      if (matches(rows[k], q)) { ok[k] = 1; hits.push(k); }
    }
    sortHits();
    limit = PAGE;
    renderTable();
    markArticles(ok, q, filtered);
    byId("shown-count").textContent = hits.length.toLocaleString("en") + " of " +
      rows.length.toLocaleString("en") + " statements";
  }

  // ---- sorting ----
  function onSort(th) {
    var table = th.closest("table"), dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) {
      c.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    if (table.id === "statements") {
      sort = {key: th.getAttribute("data-key"), dir: dir};
      sortHits();
      renderTable();
      return;
    }
    var col = th.cellIndex, numeric = th.classList.contains("n");
    var trs = Array.prototype.slice.call(table.tBodies[0].rows);
    trs.forEach(function (tr, n) { tr.__pos = n; });
    trs.sort(function (a, b) {
      var x = a.cells[col].textContent, y = b.cells[col].textContent;
      var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return dir * c || a.__pos - b.__pos;
    });
    trs.forEach(function (tr) { table.tBodies[0].appendChild(tr); });
  }

  // ---- the view of one actor ----
  function openActor(name) {
    var view = byId("actor-view"), mine = [], docs = [], per = {}, st = {};
    rows.forEach(function (r, k) {
      if (r[C.actor] !== name) { return; }
      mine.push(k);
      if (!per[r[C.doc]]) { per[r[C.doc]] = []; docs.push(r[C.doc]); }
      per[r[C.doc]].push(r);
      st[r[C.stance]] = (st[r[C.stance]] || 0) + 1;
    });
    view.textContent = "";
    var h = el("h2", null, name), close = el("button", "btn", "Close");
    close.type = "button";
    close.id = "actor-close";
    close.addEventListener("click", function () { view.hidden = true; });
    h.appendChild(close);
    view.appendChild(h);
    var kinds = {};
    mine.forEach(function (k) {
      var r = rows[k];
      kinds[r[C.actor_type] + (r[C.country] ? ", " + r[C.country] : "")] = 1;
    });
    view.appendChild(el("p", "meta", Object.keys(kinds).join("; ") + " \u2014 " + mine.length +
      " statement" + (mine.length === 1 ? "" : "s") + " in " + docs.length + " document" +
      (docs.length === 1 ? "" : "s")));
    var counts = el("p", "meta");
    D.stances.forEach(function (s) {
      if (st[s]) {
        counts.appendChild(chip(s));
        counts.appendChild(document.createTextNode(" " + st[s] + "  "));
      }
    });
    view.appendChild(counts);
    docs.forEach(function (d) {
      view.appendChild(el("h3", "doc-id", D.docs[d]));
      var ul = el("ul");
      per[d].forEach(function (r) {
        var li = el("li", "actor-statement");
        li.appendChild(chip(r[C.stance]));
        var low = r[C.confidence] < D.low ? " low" : "";
        li.appendChild(el("span", "conf" + low, " " + conf(r) + " "));
        if (r[C.unsure]) { li.appendChild(unsureMark(r)); }
        li.appendChild(el("span", "ev", " #" + r[C.index] + " "));
        li.appendChild(el("span", "text", r[C.text]));
        var ev = evidence(r);
        if (ev) { li.appendChild(el("div", "ev", ev)); }
        ul.appendChild(li);
      });
      view.appendChild(ul);
    });
    view.hidden = false;
    view.scrollIntoView();
  }

  // ---- CSV of the statements shown ----
  function csvCell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csv() {
    var lines = [D.csv.join(",")];
    hits.forEach(function (k) {
      var r = rows[k];
      lines.push(D.csv.map(function (name) {
        if (name === "doc") { return csvCell(D.docs[r[C.doc]]); }
        if (name === "source") { return csvCell(D.sources[r[C.doc]]); }
        if (name === "status") { return "ok"; }
        return csvCell(r[C[name]]);
      }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  var download = byId("download");
  download.addEventListener("click", function () {
    if (download.href.indexOf("blob:") === 0) { URL.revokeObjectURL(download.href); }
    var blob = new Blob(["\ufeff" + csv()], {type: "text/csv;charset=utf-8"});
    download.href = URL.createObjectURL(blob);
  });

  // ---- wiring ----
  [f.actor, f.type, f.country, f.doc].forEach(function (s) {
    s.addEventListener("change", apply);
  });
  [f.min, f.q].forEach(function (s) { s.addEventListener("input", apply); });
  Array.prototype.forEach.call(f.stances, function (s) { s.addEventListener("change", apply); });
  byId("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  byId("filters").addEventListener("reset", function () { setTimeout(apply, 0); });
  byId("show-more").addEventListener("click", function () { limit = hits.length; renderTable(); });
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (t.tagName === "TH" && t.closest("table.sortable")) { onSort(t); return; }
    var a = t.closest ? t.closest(".actor-link") : null;
    if (a) { e.preventDefault(); openActor(a.getAttribute("data-actor")); }
  });
  window.stanceReport = {apply: apply, csv: csv, openActor: openActor};
  byId("filters").hidden = false;
  byId("statements-section").hidden = false;
  apply();
})();
"""

(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("incloud-data").textContent);
  var STAT = D.statuses, SEV = D.severities;
  var SYM = { fail: "\u2717", error: "!", waived: "~", pass: "\u2713" };
  var areaName = {}, modelName = {};
  D.areas.forEach(function (a) { areaName[a[0]] = a[1]; });
  D.models.forEach(function (m) { modelName[m[0]] = m[1]; });
  var statusRank = {}, sevRank = {};
  STAT.forEach(function (s, i) { statusRank[s] = i; });
  SEV.forEach(function (s, i) { sevRank[s] = i; });

  // Check fields.
  var C_ID = 0, C_TITLE = 1, C_DESC = 2, C_WHY = 3, C_FIX = 4, C_SEV = 5, C_AREA = 6, C_MODEL = 7, C_SERVICE = 8, C_TYPE = 9, C_FW = 10;
  // Result fields.
  var R_CHECK = 0, R_STATUS = 1, R_ACCOUNT = 2, R_REGION = 3, R_ID = 4, R_NAME = 5, R_MSG = 6, R_FP = 7, R_WAIVER = 8;

  var checks = D.checks, results = D.results;
  function status(r) { var s = r[R_STATUS]; return typeof s === "number" ? STAT[s] : s; }
  function message(r) { return r[R_MSG] === 0 ? checks[r[R_CHECK]][C_TITLE] : r[R_MSG]; }
  function controls(c) { return c[C_FW].map(function (f) { return f[0] + " " + f[1]; }); }

  var state = { status: "", severity: "", area: "", service: "", model: "", region: "", account: "", control: "", q: "", sortKey: "", sortDir: 1, page: 0 };
  var view = results.map(function (_, i) { return i; });
  var searchText = null;
  var open = {};

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function uniq(list) { var seen = {}, out = []; list.forEach(function (x) { if (!seen[x]) { seen[x] = 1; out.push(x); } }); return out; }
  function fill(id, values, label) {
    var sel = $(id);
    values.forEach(function (v) {
      var o = el("option", null, label ? label(v) : v);
      o.value = v;
      sel.appendChild(o);
    });
  }

  // Filter options from the data.
  var usedStatus = uniq(results.map(status)).sort(function (a, b) { return (statusRank[a] || 9) - (statusRank[b] || 9); });
  fill("f-status", usedStatus);
  fill("f-severity", uniq(checks.map(function (c) { return c[C_SEV]; })).sort(function (a, b) { return sevRank[a] - sevRank[b]; }));
  fill("f-area", uniq(checks.map(function (c) { return c[C_AREA]; })).sort(), function (a) { return areaName[a] || a || "(none)"; });
  fill("f-service", uniq(checks.map(function (c) { return c[C_SERVICE]; })).sort());
  fill("f-model", uniq(checks.map(function (c) { return c[C_MODEL]; })).sort(), function (m) { return modelName[m] || m || "(none)"; });
  fill("f-region", D.regions.slice().sort());
  fill("f-account", D.accounts.slice().sort());
  var allControls = [];
  checks.forEach(function (c) { allControls = allControls.concat(controls(c)); });
  fill("f-control", uniq(allControls).sort());

  function buildSearch() {
    searchText = results.map(function (r) {
      var c = checks[r[R_CHECK]];
      return [c[C_ID], c[C_TITLE], status(r), c[C_SEV], c[C_AREA], c[C_SERVICE], c[C_TYPE], D.accounts[r[R_ACCOUNT]], D.regions[r[R_REGION]],
        r[R_ID], r[R_NAME], message(r), controls(c).join(" ")].join("\n").toLowerCase();
    });
  }

  function applyFilters() {
    var s = state, out = [];
    var statusIdx = STAT.indexOf(s.status);
    var account = s.account === "" ? -1 : D.accounts.indexOf(s.account);
    var region = s.region === "" ? -1 : D.regions.indexOf(s.region);
    var okCheck = checks.map(function (c) {
      return (!s.severity || c[C_SEV] === s.severity) && (!s.area || c[C_AREA] === s.area) &&
        (!s.service || c[C_SERVICE] === s.service) && (!s.model || c[C_MODEL] === s.model) &&
        (!s.control || controls(c).indexOf(s.control) >= 0);
    });
    var terms = s.q.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length && !searchText) buildSearch();
    for (var i = 0; i < results.length; i++) {
      var r = results[i];
      if (!okCheck[r[R_CHECK]]) continue;
      if (s.status && (statusIdx >= 0 ? r[R_STATUS] !== statusIdx : r[R_STATUS] !== s.status)) continue;
      if (account >= 0 && r[R_ACCOUNT] !== account) continue;
      if (region >= 0 && r[R_REGION] !== region) continue;
      if (s.account && account < 0) continue;
      if (s.region && region < 0) continue;
      if (terms.length) {
        var t = searchText[i], all = true;
        for (var k = 0; k < terms.length; k++) if (t.indexOf(terms[k]) < 0) { all = false; break; }
        if (!all) continue;
      }
      out.push(i);
    }
    view = out;
    sortView();
  }

  var sortValue = {
    status: function (r) { var s = status(r); return s in statusRank ? statusRank[s] : 9; },
    severity: function (r) { var v = sevRank[checks[r[R_CHECK]][C_SEV]]; return v === undefined ? 9 : v; },
    check: function (r) { return checks[r[R_CHECK]][C_ID]; },
    area: function (r) { return checks[r[R_CHECK]][C_AREA]; },
    service: function (r) { return checks[r[R_CHECK]][C_SERVICE]; },
    region: function (r) { return D.regions[r[R_REGION]]; },
    account: function (r) { return D.accounts[r[R_ACCOUNT]]; },
    resource: function (r) { return r[R_NAME] || r[R_ID]; },
    message: function (r) { return message(r); }
  };
  function sortView() {
    if (!state.sortKey) return; // The report's own order: status, severity, check, account, region.
    var f = sortValue[state.sortKey], dir = state.sortDir;
    var keyed = view.map(function (i) { return [f(results[i]), i]; });
    keyed.sort(function (a, b) {
      if (a[0] < b[0]) return -dir;
      if (a[0] > b[0]) return dir;
      return a[1] - b[1];
    });
    view = keyed.map(function (k) { return k[1]; });
  }

  function dl(pairs) {
    var d = el("dl");
    pairs.forEach(function (p) {
      if (!p[1]) return;
      d.appendChild(el("dt", null, p[0]));
      var dd = el("dd", p[2] || null, p[1]);
      d.appendChild(dd);
    });
    return d;
  }
  function detailRow(i) {
    var r = results[i], c = checks[r[R_CHECK]];
    var tr = el("tr", "detail");
    tr.id = "detail-" + i;
    var td = el("td");
    td.colSpan = 10;
    var w = r[R_WAIVER] >= 0 ? D.waivers[r[R_WAIVER]] : null;
    var model = modelName[c[C_MODEL]] || c[C_MODEL];
    td.appendChild(dl([
      ["Message", message(r)],
      ["Check", c[C_ID] + ": " + c[C_TITLE]],
      ["Description", c[C_DESC]],
      ["Why this is yours", (c[C_WHY] || "") + (model ? " (" + (areaName[c[C_AREA]] || c[C_AREA]) + ", " + model + ")" : "")],
      ["Remediation", c[C_FIX]],
      ["Frameworks", controls(c).join(", ") || "none"],
      ["Waiver", w ? w[0] + (w[1] ? " (owner " + w[1] + ")" : "") + (w[2] ? ", expires " + w[2] : "") : ""],
      ["Resource id", r[R_ID], "mono"],
      ["Resource type", c[C_TYPE], "mono"],
      ["Account / region", D.accounts[r[R_ACCOUNT]] + " / " + D.regions[r[R_REGION]]],
      ["Fingerprint", r[R_FP], "mono"]
    ]));
    tr.appendChild(td);
    return tr;
  }

  function render() {
    var body = $("findings-body");
    var pages = Math.max(1, Math.ceil(view.length / D.page));
    if (state.page >= pages) state.page = pages - 1;
    if (state.page < 0) state.page = 0;
    var start = state.page * D.page, end = Math.min(view.length, start + D.page);
    var frag = document.createDocumentFragment();
    for (var k = start; k < end; k++) {
      var i = view[k], r = results[i], c = checks[r[R_CHECK]], st = status(r);
      var tr = el("tr", "row");
      tr.setAttribute("data-index", i);
      tr.setAttribute("data-status", st);
      tr.setAttribute("data-severity", c[C_SEV]);
      tr.setAttribute("data-area", c[C_AREA]);
      tr.setAttribute("data-model", c[C_MODEL]);
      var xt = el("td");
      var xb = el("button", "xbtn", open[i] ? "\u2212" : "+");
      xb.type = "button";
      xb.setAttribute("aria-expanded", open[i] ? "true" : "false");
      xb.setAttribute("aria-controls", "detail-" + i);
      xb.setAttribute("aria-label", "Details");
      xb.setAttribute("data-toggle", i);
      xt.appendChild(xb);
      tr.appendChild(xt);
      tr.appendChild(el("td", "st " + st, (SYM[st] || "?") + " " + st));
      tr.appendChild(el("td", "sev " + c[C_SEV], c[C_SEV]));
      var ct = el("td", "check mono", c[C_ID]);
      ct.title = c[C_TITLE];
      tr.appendChild(ct);
      tr.appendChild(el("td", null, areaName[c[C_AREA]] || c[C_AREA]));
      tr.appendChild(el("td", null, c[C_SERVICE]));
      tr.appendChild(el("td", null, D.regions[r[R_REGION]]));
      tr.appendChild(el("td", "mono", D.accounts[r[R_ACCOUNT]]));
      var rt = el("td", "res mono", r[R_NAME] || r[R_ID]);
      rt.title = r[R_ID];
      tr.appendChild(rt);
      tr.appendChild(el("td", "msg", message(r)));
      frag.appendChild(tr);
      if (open[i]) frag.appendChild(detailRow(i));
    }
    body.textContent = "";
    body.appendChild(frag);
    var st = $("table-status");
    st.setAttribute("data-matching", view.length);
    st.setAttribute("data-shown", end - start);
    st.textContent = view.length === 0 ? "No findings match the filters (" + results.length + " in all)." :
      "Showing " + (start + 1) + "\u2013" + end + " of " + view.length + " matching findings (" + results.length + " in all).";
    $("page-info").textContent = "Page " + (state.page + 1) + " of " + pages;
    var nav = $("pager").querySelectorAll("button");
    for (var n = 0; n < nav.length; n++) {
      var p = nav[n].getAttribute("data-page");
      nav[n].disabled = (p === "first" || p === "prev") ? state.page === 0 : state.page >= pages - 1;
    }
    var ths = document.querySelectorAll("#findings-table th[data-sort]");
    for (var h = 0; h < ths.length; h++) {
      var key = ths[h].getAttribute("data-sort");
      ths[h].setAttribute("aria-sort", key === state.sortKey ? (state.sortDir > 0 ? "ascending" : "descending") : "none");
    }
  }

  var selects = { status: "f-status", severity: "f-severity", area: "f-area", service: "f-service", model: "f-model", region: "f-region", account: "f-account", control: "f-control" };
  function syncControls() {
    Object.keys(selects).forEach(function (k) {
      var sel = $(selects[k]);
      if (state[k] && !Array.prototype.some.call(sel.options, function (o) { return o.value === state[k]; })) {
        var o = el("option", null, state[k]);
        o.value = state[k];
        sel.appendChild(o);
      }
      sel.value = state[k];
    });
    $("f-q").value = state.q;
  }
  function markCells() {
    var cells = document.querySelectorAll("button.mcell");
    for (var i = 0; i < cells.length; i++) {
      var b = cells[i];
      var on = !state.q && !state.service && !state.region && !state.account && !state.control &&
        (b.getAttribute("data-area") || "") === state.area && (b.getAttribute("data-status") || "") === state.status &&
        (b.getAttribute("data-severity") || "") === state.severity && (b.getAttribute("data-model") || "") === state.model;
      b.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }
  function update() {
    state.page = 0;
    applyFilters();
    render();
    markCells();
  }

  Object.keys(selects).forEach(function (k) {
    $(selects[k]).addEventListener("change", function (e) { state[k] = e.target.value; update(); });
  });
  var timer = null;
  $("f-q").addEventListener("input", function (e) {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = e.target.value; update(); }, 150);
  });
  $("f-reset").addEventListener("click", function () {
    Object.keys(selects).forEach(function (k) { state[k] = ""; });
    state.q = "";
    syncControls();
    update();
  });
  document.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("button.mcell") : null;
    if (!b) return;
    Object.keys(selects).forEach(function (k) { state[k] = ""; });
    state.q = "";
    state.area = b.getAttribute("data-area") || "";
    state.status = b.getAttribute("data-status") || "";
    state.severity = b.getAttribute("data-severity") || "";
    state.model = b.getAttribute("data-model") || "";
    syncControls();
    update();
    $("findings-h").scrollIntoView({ block: "start" });
  });
  $("findings-table").querySelector("thead").addEventListener("click", function (e) {
    var th = e.target.closest("th[data-sort]");
    if (!th) return;
    var key = th.getAttribute("data-sort");
    if (state.sortKey === key) {
      if (state.sortDir > 0) state.sortDir = -1; else { state.sortKey = ""; state.sortDir = 1; }
    } else { state.sortKey = key; state.sortDir = 1; }
    applyFilters();
    render();
  });
  $("findings-body").addEventListener("click", function (e) {
    var b = e.target.closest("button[data-toggle]");
    if (!b) return;
    var i = +b.getAttribute("data-toggle");
    if (open[i]) delete open[i]; else open[i] = true;
    render();
  });
  $("pager").addEventListener("click", function (e) {
    var b = e.target.closest("button[data-page]");
    if (!b) return;
    var pages = Math.max(1, Math.ceil(view.length / D.page));
    var p = b.getAttribute("data-page");
    state.page = p === "first" ? 0 : p === "prev" ? state.page - 1 : p === "next" ? state.page + 1 : pages - 1;
    render();
  });

  update();
  document.documentElement.setAttribute("data-ready", "true");
})();

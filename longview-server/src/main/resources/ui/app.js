// Longview dashboard: login, routing, pages. Talks only to this server's /api/v1 with the key
// the user typed (sessionStorage, sent as X-API-Key). Never builds HTML from data: every text
// goes through textContent.
"use strict";

(() => {
  const KEY = "longview.apiKey";
  const {html, panel, fmt, pct} = Charts;
  const COLORS = {new: "#2e7d32", returning: "#1565c0", resurrecting: "#f9a825", dormant: "#c62828",
    dau: "#1565c0", wau: "#6a1b9a", mau: "#00897b", other: "#5c6bc0"};
  const $ = id => document.getElementById(id);
  const range = {from: null, to: null, interval: "week", touched: false};
  let renderToken = 0;

  // ---- API ----------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, body) {
      super(body && body.detail ? body.detail : "HTTP " + status);
      this.status = status;
      this.body = body;
    }
  }

  async function api(path, options) {
    const key = sessionStorage.getItem(KEY);
    if (!key) throw new ApiError(401, {detail: "no API key"});
    options = options || {};
    const headers = Object.assign({"X-API-Key": key}, options.body ? {"Content-Type": "application/json"} : {});
    const res = await fetch(path, {method: options.method || "GET", headers, body: options.body});
    let body = null;
    const type = res.headers.get("Content-Type") || "";
    if (type.startsWith("application/json")) body = await res.json();
    if (!res.ok) throw new ApiError(res.status, body);
    return body;
  }

  function query(extra) {
    const p = new URLSearchParams();
    p.set("interval", range.interval);
    if (range.touched && range.from) p.set("from", range.from);
    if (range.touched && range.to) p.set("to", range.to);
    for (const [k, v] of Object.entries(extra || {})) if (v !== null && v !== undefined && v !== "") p.set(k, v);
    return p.toString();
  }

  function syncRange(r, data) {
    if (!r) return;
    range.from = r.from;
    range.to = r.to;
    $("from").value = r.from;
    $("to").value = r.to;
    $("interval").value = r.interval;
    $("range-info").textContent = `as of ${r.asOf} (${r.zone})`;
    if (data) {
      $("data-info").textContent = `data v${data.version}: ${fmt(data.users)} users, ${fmt(data.events)} events`
        + (data.reloadDue ? " (reload due)" : "");
    }
  }

  // ---- login --------------------------------------------------------------------------------

  function showLogin(message) {
    $("login").hidden = false;
    $("nav").hidden = true;
    $("session").hidden = true;
    $("controls").hidden = true;
    $("page").hidden = true;
    $("page").replaceChildren();
    const err = $("login-error");
    err.hidden = !message;
    err.textContent = message || "";
    document.body.dataset.page = "login";
    document.body.dataset.loaded = "true";
    $("api-key").focus();
  }

  function showApp() {
    $("login").hidden = true;
    $("nav").hidden = false;
    $("session").hidden = false;
    $("page").hidden = false;
  }

  $("login-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    const key = $("api-key").value.trim();
    if (!key) { showLogin("Enter an API key."); return; }
    sessionStorage.setItem(KEY, key);
    try {
      await api("/api/v1/analytics/models");
      $("api-key").value = "";
      showApp();
      if (!location.hash || location.hash === "#" || location.hash === "#/login") location.hash = "#/overview";
      else render();
    } catch (e) {
      sessionStorage.removeItem(KEY);
      showLogin(loginMessage(e));
    }
  });

  function loginMessage(e) {
    if (e.status === 401) return "The API key was not accepted (401 unauthorized). Check the key in the server's config.";
    if (e.status === 403) return "This API key lacks the \"read\" scope the dashboard needs (403 forbidden).";
    return "Cannot reach the server: " + e.message;
  }

  $("logout").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    showLogin("Signed out.");
  });

  // ---- controls -----------------------------------------------------------------------------

  $("apply").addEventListener("click", () => {
    range.from = $("from").value || null;
    range.to = $("to").value || null;
    range.interval = $("interval").value;
    range.touched = true;
    render();
  });
  $("interval").addEventListener("change", () => {
    range.interval = $("interval").value;
    render();
  });
  $("reset-range").addEventListener("click", () => {
    range.touched = false;
    render();
  });

  // ---- pages --------------------------------------------------------------------------------

  const pages = {overview, lifecycle, retention, users, models};

  async function render() {
    if (!sessionStorage.getItem(KEY)) { showLogin(); return; }
    showApp();
    const [, name, arg] = (location.hash || "#/overview").match(/^#\/([a-z]*)\/?(.*)$/) || [null, "overview", ""];
    const page = pages[name] ? name : "overview";
    document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.dataset.page === page));
    $("controls").hidden = page === "models";
    const token = ++renderToken;
    document.body.dataset.page = page;
    document.body.dataset.loaded = "false";
    setStatus("Loading…");
    const main = document.createElement("main");
    main.id = "page";
    try {
      await pages[page](main, decodeURIComponent(arg || ""));
      if (token !== renderToken) return;
      $("page").replaceWith(main);
      setStatus("");
    } catch (e) {
      if (token !== renderToken) return;
      if (e.status === 401 || e.status === 403) {
        sessionStorage.removeItem(KEY);
        showLogin(loginMessage(e));
        return;
      }
      main.replaceChildren(html("p", {class: "error wide", id: "page-error"}, "Error: " + e.message));
      $("page").replaceWith(main);
      setStatus("");
    }
    document.body.dataset.renders = String((Number(document.body.dataset.renders) || 0) + 1);
    document.body.dataset.loaded = "true";
  }

  // Calls fetch() every 3 s (at most 40 times) while this page is shown, until ready(result).
  function poll(fetch, ready, done) {
    const token = renderToken;
    let tries = 0;
    const tick = async () => {
      if (token !== renderToken || ++tries > 40) return;
      try {
        const r = await fetch();
        if (token !== renderToken) return;
        if (ready(r)) { done(r); return; }
      } catch (e) {
        return;
      }
      setTimeout(tick, 3000);
    };
    setTimeout(tick, 3000);
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  function kpis(main, items) {
    const box = html("div", {class: "kpis"});
    for (const [id, label, value, text] of items) {
      const k = html("div", {class: "kpi", id: "kpi-" + id, "data-value": value === null || value === undefined ? "" : String(value)});
      k.appendChild(html("div", {class: "label"}, label));
      k.appendChild(html("div", {class: "value"}, text !== undefined ? text : fmt(value)));
      box.appendChild(k);
    }
    main.appendChild(box);
  }

  function wide(p) {
    p.classList.add("wide");
    return p;
  }

  async function overview(main) {
    const d = await api("/api/v1/analytics/overview?" + query());
    syncRange(d.range, d.data);
    main.appendChild(html("h2", {}, "Overview"));
    kpis(main, [
      ["users", "Users", d.totals.users], ["items", "Items", d.totals.items],
      ["events", "Events (all time)", d.totals.events], ["events-in-range", "Events in range", d.totals.eventsInRange],
      ["active-in-range", "Active users in range", d.totals.activeUsersInRange],
      ["dau", "DAU", d.current.dau], ["wau", "WAU", d.current.wau], ["mau", "MAU", d.current.mau],
      ["dau-mau", "DAU/MAU", d.current.dauOverMau, pct(d.current.dauOverMau)],
      ["mean-dau-mau", "Mean DAU/MAU in range", d.meanDauOverMau, pct(d.meanDauOverMau)]]);
    const daily = {columns: ["date", "DAU", "WAU", "MAU", "DAU/MAU"],
      rows: d.daily.map(r => [r.date, r.dau, r.wau, r.mau, r.dauOverMau])};
    wide(panel(main, "active-users", "Active users per day (DAU, WAU = 7 days, MAU = 30 days)", daily,
      box => Charts.lines(box, daily, [{name: "DAU", key: 1, color: COLORS.dau},
        {name: "WAU", key: 2, color: COLORS.wau}, {name: "MAU", key: 3, color: COLORS.mau}])));
    const per = {columns: ["start", "active users", "events"],
      rows: d.perInterval.map(r => [r.start, r.activeUsers, r.events])};
    panel(main, "per-interval", `Active users per ${d.range.interval}`, per,
      box => Charts.stackedBars(box, per, [{name: "active users", key: 1, color: COLORS.returning}]));
    panel(main, "stickiness", "DAU/MAU per day", daily,
      box => Charts.lines(box, daily, [{name: "DAU/MAU", key: 4, color: COLORS.wau}],
        {format: v => pct(v)}));
    const types = {columns: ["type", "events"], rows: d.eventsByType.map(r => [r.type, r.events])};
    panel(main, "events-by-type", "Events by type in range", types,
      box => Charts.hbars(box, types, 1, COLORS.other));
    const perEvents = {columns: ["start", "events"], rows: d.perInterval.map(r => [r.start, r.events])};
    panel(main, "events-per-interval", `Events per ${d.range.interval}`, perEvents,
      box => Charts.stackedBars(box, perEvents, [{name: "events", key: 1, color: COLORS.mau}]));
  }

  const lifecycleState = {splitBy: ""};

  function lifecycleTable(periods) {
    return {columns: ["start", "new", "returning", "resurrecting", "dormant"],
      rows: periods.map(r => [r.start, r.new, r.returning, r.resurrecting, r.dormant])};
  }

  const LIFECYCLE_SERIES = [{name: "new", key: 1, color: COLORS.new}, {name: "returning", key: 2, color: COLORS.returning},
    {name: "resurrecting", key: 3, color: COLORS.resurrecting}, {name: "dormant", key: 4, color: COLORS.dormant}];

  function funnelTable(funnel) {
    return {columns: ["stage", "users at stage", "reached", "from previous", "from acquisition"],
      rows: funnel.map(f => [f.stage, f.users, f.reached, f.conversionFromPrevious, f.conversionFromFirst])};
  }

  async function lifecycle(main) {
    const d = await api("/api/v1/analytics/lifecycle?" + query({splitBy: lifecycleState.splitBy}));
    syncRange(d.range, d.data);
    main.appendChild(html("h2", {}, "Lifecycle"));
    const bar = html("div", {class: "toolbar"});
    const label = html("label", {}, "Split by ");
    const select = html("select", {id: "split-by"});
    select.appendChild(html("option", {value: ""}, "(no split)"));
    for (const k of d.splitOptions) select.appendChild(html("option", {value: k}, k));
    select.value = lifecycleState.splitBy;
    select.addEventListener("change", () => { lifecycleState.splitBy = select.value; render(); });
    label.appendChild(select);
    bar.appendChild(label);
    main.appendChild(bar);
    const t = lifecycleTable(d.periods);
    wide(panel(main, "lifecycle", `Lifecycle per ${d.range.interval}: new, returning, resurrecting above the axis, dormant below`, t,
      box => Charts.stackedBars(box, t, LIFECYCLE_SERIES, {height: 320}),
      {note: "PostHog definitions: new = first seen in the interval; returning = active in the previous one too; resurrecting = back after an inactive interval; dormant = active in the previous interval, not in this one."}));
    const states = {columns: ["state", "users"], rows: d.states.map(s => [s.state, s.users])};
    panel(main, "states", `User states as of ${d.range.asOf.substring(0, 10)}`, states,
      box => Charts.hbars(box, states, 1, COLORS.other));
    const f = funnelTable(d.funnel);
    panel(main, "funnel", "AARRR funnel (users who reached each stage)", f,
      box => Charts.hbars(box, f, 2, COLORS.new, {label: r => `${fmt(r[2])}` + (r[3] === null ? "" : ` (${pct(r[3])} of previous)`)}),
      {format: [null, null, null, pct, pct]});
    if (d.splitBy) {
      const bySeg = {columns: ["segment", "users", ...d.funnel.map(x => "reached " + x.stage)],
        rows: d.segments.map(s => [s.value, s.users, ...s.funnel.map(x => x.reached)])};
      wide(panel(main, "funnel-by-segment", `AARRR funnel by ${d.splitBy}`, bySeg,
        box => box.appendChild(Charts.dataTable(bySeg))));
      d.segments.forEach((s, i) => {
        const st = lifecycleTable(s.periods);
        panel(main, "lifecycle-segment-" + i, `${d.splitBy} = ${s.value} (${fmt(s.users)} users)`, st,
          box => Charts.stackedBars(box, st, LIFECYCLE_SERIES, {height: 220}));
      });
    }
  }

  const retentionState = {cohorts: "first-time", variant: "n-day", brackets: "0,1,2-3,4-7"};

  async function retention(main) {
    const [d, c] = await Promise.all([
      api("/api/v1/analytics/retention?" + query({cohorts: retentionState.cohorts, variant: retentionState.variant,
        brackets: retentionState.variant === "bracket" ? retentionState.brackets : null})),
      api("/api/v1/analytics/commerce?" + query())]);
    syncRange(d.range, d.data);
    main.appendChild(html("h2", {}, "Retention"));
    const bar = html("div", {class: "toolbar"});
    bar.appendChild(select("cohorts", "Cohorts", [["first-time", "first-time"], ["recurring", "recurring"]],
      retentionState.cohorts, v => { retentionState.cohorts = v; render(); }));
    bar.appendChild(select("variant", "Retention", [["n-day", "N-day (exactly interval n)"],
      ["unbounded", "unbounded (n or later)"], ["bracket", "bracket"]], retentionState.variant,
      v => { retentionState.variant = v; render(); }));
    if (retentionState.variant === "bracket") {
      const l = html("label", {}, "Brackets ");
      const input = html("input", {id: "brackets", value: retentionState.brackets, size: 14});
      const go = html("button", {type: "button", id: "brackets-apply"}, "Apply");
      go.addEventListener("click", () => { retentionState.brackets = input.value; render(); });
      l.appendChild(input);
      l.appendChild(go);
      bar.appendChild(l);
    }
    main.appendChild(bar);
    const heat = {columns: ["cohort", "size", ...d.columns.map(x => d.range.interval + " " + x)],
      rows: d.rows.map(r => [r.start, r.size, ...d.columns.map((_, i) => i < r.values.length ? r.values[i] : null)])};
    wide(panel(main, "retention-heatmap", `${d.cohorts} cohorts by ${d.range.interval}, ${d.variant} retention`, heat,
      box => { const w = html("div", {class: "heat-wrap"}); box.appendChild(w); Charts.heatmap(w, heat, 2); },
      {format: [null, null, ...d.columns.map(() => v => v === null ? "" : pct(v))]}));
    const curve = {columns: [d.range.interval, "retained", "returned", "cohort users"],
      rows: d.curve.map(r => [r.column, r.value, r.returned, r.cohortUsers])};
    panel(main, "retention-curve", "Retention curve (all cohorts, weighted by size)", curve,
      box => Charts.lines(box, curve, [{name: "retained", key: 1, color: COLORS.returning}], {format: v => pct(v), max: 1}),
      {format: [null, pct, null, null]});
    const t = c.total;
    const box = html("div", {class: "panel", id: "panel-commerce-total"});
    box.appendChild(html("h3", {}, `Commerce since ${c.range.firstPeriodStart}`));
    const list = html("div", {class: "kpis"});
    for (const [id, label, v, text] of [["orders", "Orders", t.orders], ["revenue", "Revenue", t.revenue],
      ["aov", "AOV", t.aov], ["customers", "Customers", t.customers],
      ["repeat-rate", "Repeat purchase rate", t.repeatPurchaseRate, pct(t.repeatPurchaseRate)],
      ["conversion", "Conversion rate", t.conversionRate, pct(t.conversionRate)]]) {
      const k = html("div", {class: "kpi", id: "kpi-" + id, "data-value": String(v)});
      k.appendChild(html("div", {class: "label"}, label));
      k.appendChild(html("div", {class: "value"}, text !== undefined ? text : fmt(v)));
      list.appendChild(k);
    }
    box.appendChild(list);
    main.appendChild(box);
    const ct = {columns: ["start", "orders", "revenue", "AOV", "customers", "repeat purchase rate"],
      rows: c.perInterval.map(r => [r.start, r.orders, r.revenue, r.aov, r.customers, r.repeatPurchaseRate])};
    panel(main, "commerce", `Revenue per ${c.range.interval}`, ct,
      b => Charts.stackedBars(b, ct, [{name: "revenue", key: 2, color: COLORS.new}]),
      {format: [null, null, null, null, null, pct]});
    panel(main, "orders", `Orders per ${c.range.interval}`, ct,
      b => Charts.stackedBars(b, ct, [{name: "orders", key: 1, color: COLORS.returning}]),
      {format: [null, null, null, null, null, pct]});
  }

  function select(id, text, options, value, onChange) {
    const l = html("label", {}, text + " ");
    const s = html("select", {id});
    for (const [v, t] of options) s.appendChild(html("option", {value: v}, t));
    s.value = value;
    s.addEventListener("change", () => onChange(s.value));
    l.appendChild(s);
    return l;
  }

  const userState = {q: ""};

  async function users(main, id) {
    main.appendChild(html("h2", {}, "Users"));
    const bar = html("form", {class: "toolbar", id: "user-search"});
    const input = html("input", {id: "user-query", placeholder: "user id (or part of it)", value: userState.q, size: 28});
    bar.appendChild(input);
    bar.appendChild(html("button", {type: "submit", id: "user-search-submit"}, "Search"));
    bar.addEventListener("submit", ev => {
      ev.preventDefault();
      userState.q = input.value;
      if (location.hash === "#/users") render(); else location.hash = "#/users";
    });
    main.appendChild(bar);
    if (!id) {
      const r = await api("/api/v1/analytics/users?" + new URLSearchParams({q: userState.q, limit: "50"}));
      const p = html("section", {class: "panel wide", id: "panel-search"});
      p.appendChild(html("h3", {}, userState.q ? `${fmt(r.matches)} users match "${userState.q}"` : `Most active users (${fmt(r.matches)} in all)`));
      const t = html("table", {class: "plain result-list"});
      const head = html("tr");
      ["user", "events", "last event", "attributes"].forEach(c => head.appendChild(html("th", {}, c)));
      t.appendChild(head);
      for (const u of r.users) {
        const tr = html("tr");
        const td = html("td");
        const a = html("a", {href: "#/users/" + encodeURIComponent(u.id), "data-user": u.id}, u.id);
        td.appendChild(a);
        tr.appendChild(td);
        tr.appendChild(html("td", {}, fmt(u.events)));
        tr.appendChild(html("td", {}, u.lastEvent || ""));
        tr.appendChild(html("td", {}, JSON.stringify(u.attributes)));
        t.appendChild(tr);
      }
      p.appendChild(t);
      main.appendChild(p);
      return;
    }
    const u = await api("/api/v1/analytics/users/" + encodeURIComponent(id) + "?" + query());
    syncRange(u.range, u.data);
    const lc = u.lifecycle || {};
    const head = html("section", {class: "panel wide", id: "panel-user"});
    head.appendChild(html("h3", {}, "User " + u.id));
    const line = html("p");
    line.appendChild(html("span", {class: "badge", id: "user-state"}, "state: " + (lc.state || "unknown")));
    line.appendChild(document.createTextNode(" "));
    line.appendChild(html("span", {class: "badge", id: "user-stage"}, "stage: " + (lc.stage || "unknown")));
    line.appendChild(document.createTextNode(" "));
    const churn = u.churn;
    let churnText = "churn risk: " + churn.status;
    let churnClass = "badge";
    if (churn.status === "ready") {
      churnText = "churn risk: " + pct(churn.churnRisk);
      churnClass += churn.churnRisk >= 0.5 ? " risk-high" : " risk-low";
    }
    const badge = html("span", {class: churnClass, id: "user-churn", "data-value": churn.status === "ready" ? String(churn.churnRisk) : ""}, churnText);
    line.appendChild(badge);
    head.appendChild(line);
    if (churn.status === "computing") {
      // Churn risk is trained in the background once per data version: ask again until it is there.
      poll(() => api("/api/v1/analytics/users/" + encodeURIComponent(id) + "?" + query()),
        x => x.churn.status !== "computing", x => {
          const c = x.churn;
          badge.textContent = c.status === "ready" ? "churn risk: " + pct(c.churnRisk) : "churn risk: " + c.status;
          badge.className = "badge" + (c.status === "ready" ? (c.churnRisk >= 0.5 ? " risk-high" : " risk-low") : "");
          badge.dataset.value = c.status === "ready" ? String(c.churnRisk) : "";
          if (c.reason) badge.title = c.reason;
        });
    }
    const facts = html("table", {class: "plain"});
    const rows = [["first seen", u.firstSeen || ""], ["attributes", JSON.stringify(u.attributes)]];
    if (lc.activity) {
      rows.push(["events", fmt(lc.activity.events)], ["first event", lc.activity.firstEvent || ""],
        ["last event", lc.activity.lastEvent || ""], ["orders", fmt(lc.activity.orders)], ["revenue", fmt(lc.activity.revenue)]);
    }
    rows.push(["churn model", churn.model + (churn.reason ? " — " + churn.reason : "")]);
    if (u.lifecycleNote) rows.push(["note", u.lifecycleNote]);
    for (const [k, v] of rows) {
      const tr = html("tr");
      tr.appendChild(html("th", {}, k));
      tr.appendChild(html("td", {}, v));
      facts.appendChild(tr);
    }
    head.appendChild(facts);
    main.appendChild(head);
    const hist = {columns: ["at (end of " + u.range.interval + ")", "from", "to"],
      rows: (lc.history || []).map(h => [h.at, h.from || "(first seen)", h.to])};
    panel(main, "stage-history", "State history (changes at the end of each " + u.range.interval + ")", hist,
      box => box.appendChild(Charts.dataTable(hist)));
    const ev = {columns: ["time", "type", "item", "value", "session"],
      rows: u.recentEvents.map(e => [e.time, e.type, e.itemId || "", e.value === undefined ? null : e.value,
        e.context && e.context.sessionId ? e.context.sessionId : ""])};
    panel(main, "recent-events", "Latest events (most recent first)", ev, box => box.appendChild(Charts.dataTable(ev)));
    const recs = u.recommendations;
    const rt = {columns: ["item", "title", "score", "reasons"],
      rows: (recs.items || []).map(r => [r.itemId, r.title || "", r.score, r.reasons.join("; ")])};
    panel(main, "recommendations", recs.status === "ready"
      ? `Current recommendations (${recs.model} v${recs.modelVersion})` : "Current recommendations: " + recs.detail, rt,
      box => box.appendChild(Charts.dataTable(rt)), {empty: "No recommendation."});
    main.appendChild(tryForm(u.id));
  }

  // Asks POST /api/v1/recommend with a context; a server without that route (404/405) gets the
  // GET form with category and exclusions, and the panel says which one answered.
  function tryForm(userId) {
    const p = html("section", {class: "panel wide", id: "panel-try"});
    p.appendChild(html("h3", {}, "Try a recommendation with a context"));
    const f = html("form", {class: "form-grid", id: "try-form"});
    const fields = [["n", "How many", "5"], ["category", "Category", ""], ["exclude", "Exclude items (a,b)", ""],
      ["sessionItems", "Session items (a,b)", ""], ["query", "Query text", ""], ["device", "Device", ""]];
    const inputs = {};
    for (const [name, label, value] of fields) {
      f.appendChild(html("label", {for: "try-" + name}, label));
      inputs[name] = html("input", {id: "try-" + name, name, value});
      f.appendChild(inputs[name]);
    }
    f.appendChild(html("span"));
    f.appendChild(html("button", {type: "submit", id: "try-submit"}, "Recommend"));
    const out = html("div", {id: "try-result"});
    f.addEventListener("submit", async ev => {
      ev.preventDefault();
      out.replaceChildren(html("p", {class: "muted"}, "Asking…"));
      const list = s => s.split(",").map(x => x.trim()).filter(x => x);
      const n = parseInt(inputs.n.value, 10) || 5;
      const context = {};
      if (list(inputs.sessionItems.value).length) context.sessionItems = list(inputs.sessionItems.value);
      if (inputs.query.value.trim()) context.query = inputs.query.value.trim();
      if (inputs.device.value.trim()) context.device = inputs.device.value.trim();
      const body = {userId, n};
      if (inputs.category.value.trim()) body.category = inputs.category.value.trim();
      if (list(inputs.exclude.value).length) body.exclude = list(inputs.exclude.value);
      if (Object.keys(context).length) body.context = context;
      let r, via;
      try {
        try {
          r = await api("/api/v1/recommend", {method: "POST", body: JSON.stringify(body)});
          via = "POST /api/v1/recommend";
        } catch (e) {
          if (e.status !== 404 && e.status !== 405) throw e;
          const q = new URLSearchParams({n: String(n)});
          if (body.category) q.set("category", body.category);
          if (body.exclude) q.set("exclude", body.exclude.join(","));
          r = await api("/api/v1/recommend/" + encodeURIComponent(userId) + "?" + q);
          via = "GET /api/v1/recommend/{userId} (this server has no POST /api/v1/recommend: session items, query and device were not sent)";
        }
        const t = {columns: ["item", "score", "reasons"], rows: r.items.map(i => [i.itemId, i.score, (i.reasons || []).join("; ")])};
        out.replaceChildren(html("p", {class: "note", id: "try-via"}, `answered by ${via}; model ${r.model} v${r.modelVersion}`),
          Charts.dataTable(t));
      } catch (e) {
        out.replaceChildren(html("p", {class: "error", id: "try-error"}, "Error: " + e.message));
      }
    });
    p.appendChild(f);
    p.appendChild(out);
    return p;
  }

  async function models(main) {
    const m = await api("/api/v1/analytics/models");
    main.appendChild(html("h2", {}, "Models"));
    const cur = html("section", {class: "panel", id: "panel-model"});
    cur.appendChild(html("h3", {}, "Served model bundle"));
    if (!m.current) {
      cur.appendChild(html("p", {class: "empty-state"}, "No model is loaded yet: the first training is running."));
    } else {
      const c = m.current;
      cur.appendChild(kv([["model", c.name], ["version", c.version], ["trained at", c.trainedAt],
        ["training seconds", c.trainingSeconds], ["users", c.users], ["items", c.items],
        ["interactions", c.interactions], ["bytes per interaction", c.bytesPerInteraction]], "model"));
    }
    main.appendChild(cur);
    const cov = html("section", {class: "panel", id: "panel-coverage"});
    cov.appendChild(html("h3", {}, "Coverage and diversity of its recommendations"));
    if (m.coverage && m.coverage.status === "ready") {
      const c = m.coverage;
      cov.appendChild(html("p", {class: "note"}, `top-${c.n} lists of ${fmt(c.sampledUsers)} users drawn with seed ${c.seed}, evaluator definitions`));
      cov.appendChild(kv([["catalogue coverage", c.coverage], ["exposure Gini", c.exposureGini],
        ["intra-list diversity (categories)", c.intraListDiversity], ["catalogue items", c.catalogueItems],
        ["recommendations", c.recommendations]], "coverage"));
    } else {
      cov.appendChild(html("p", {class: "empty-state", id: "coverage-status"}, m.coverage
        ? (m.coverage.status === "computing" ? "Computing on sampled users…" : "Unavailable: " + m.coverage.reason)
        : "No model loaded."));
      if (m.coverage && m.coverage.status === "computing") {
        poll(() => api("/api/v1/analytics/models"), x => !x.coverage || x.coverage.status !== "computing", () => render());
      }
    }
    main.appendChild(cov);
    const off = html("section", {class: "panel", id: "panel-offline"});
    off.appendChild(html("h3", {}, "Offline metrics"));
    off.appendChild(html("p", {class: "empty-state", id: "offline-status"}, m.offline.detail));
    main.appendChild(off);
    if (m.lab.status === "ready") {
      // One row per (policy, metric) for the table view and CSV; the shown grid is policy x metric.
      const policies = Object.keys(m.lab.policies);
      const metrics = [];
      for (const p of policies) for (const k of Object.keys(m.lab.policies[p])) if (!metrics.includes(k)) metrics.push(k);
      const num = v => v === null || v === undefined ? null : v;
      const long = {columns: ["policy", "metric", "mean", "lo", "hi"], rows: []};
      for (const p of policies) for (const k of metrics) {
        const s = m.lab.policies[p][k];
        if (s) long.rows.push([p, k, num(s.mean), num(s.lo), num(s.hi)]);
      }
      const show = v => v === null || v === undefined ? "–" : fmt(v);
      const grid = {columns: ["policy"].concat(metrics), rows: policies.map(p => [p].concat(metrics.map(k => {
        const s = m.lab.policies[p][k];
        return s ? `${show(s.mean)} [${show(s.lo)}, ${show(s.hi)}]` : "";
      })))};
      const run = ["days", "users", "seeds", "sensitivity"].filter(f => m.lab[f] !== undefined).map(f => `${f} ${m.lab[f]}`).join(", ");
      panel(main, "lab", "Lab comparison of policies", long, box => box.appendChild(Charts.dataTable(grid)),
        {note: `mean [95% interval] over seeds, from ${m.lab.file} (modified ${m.lab.modified})` + (run ? `; ${run}` : "")});
    } else {
      const lab = html("section", {class: "panel", id: "panel-lab"});
      lab.appendChild(html("h3", {}, "Lab comparison of policies"));
      lab.appendChild(html("p", {class: "empty-state", id: "lab-status"},
        (m.lab.status === "invalid" ? "Lab results unreadable: " : "No lab results yet: ") + m.lab.detail));
      main.appendChild(lab);
    }
  }

  function kv(rows, id) {
    const t = html("table", {class: "plain", id: "kv-" + id});
    for (const [k, v] of rows) {
      const tr = html("tr");
      tr.appendChild(html("th", {}, k));
      tr.appendChild(html("td", {"data-key": k, "data-value": v === null || v === undefined ? "" : String(v)}, fmt(v)));
      t.appendChild(tr);
    }
    return t;
  }

  window.addEventListener("hashchange", render);
  if (sessionStorage.getItem(KEY)) render(); else showLogin();
})();

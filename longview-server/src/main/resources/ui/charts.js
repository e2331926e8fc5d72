// Longview dashboard: hand-written SVG charts, tables and CSV, no library.
//
// Every chart is drawn from a "table" {columns: [names], rows: [[values]]}: the first column
// labels the x axis (or the row), the others are series. The same table is the chart's plain
// table view and its CSV download, so the three can never disagree. Every mark carries
// data-series / data-label / data-value attributes with the exact number it draws (tests read
// them).
"use strict";

const Charts = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const W = 800;

  function el(tag, attrs, parent) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  function html(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function fmt(v) {
    if (v === null || v === undefined) return "";
    if (typeof v !== "number") return String(v);
    if (Number.isInteger(v)) return v.toLocaleString("en-US");
    return v.toLocaleString("en-US", {maximumFractionDigits: 4});
  }

  function pct(v) {
    return v === null || v === undefined ? "" : (100 * v).toFixed(1) + "%";
  }

  // A "nice" upper bound and ticks for an axis from 0 (or min < 0) to max.
  function ticks(min, max, count) {
    if (max === min) { max = min + 1; }
    const span = max - min;
    const step0 = span / count;
    const mag = Math.pow(10, Math.floor(Math.log10(step0)));
    const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= step0);
    const lo = Math.floor(min / step) * step;
    const hi = Math.ceil(max / step) * step;
    const out = [];
    for (let t = lo; t <= hi + step / 2; t += step) out.push(Math.round(t * 1e9) / 1e9);
    return out;
  }

  function shortNumber(v) {
    const a = Math.abs(v);
    if (a >= 1e6) return (v / 1e6).toFixed(a >= 1e7 ? 0 : 1) + "M";
    if (a >= 1e3) return (v / 1e3).toFixed(a >= 1e4 ? 0 : 1) + "k";
    return String(Math.round(v * 100) / 100);
  }

  function frame(container, height) {
    const svg = el("svg", {viewBox: `0 0 ${W} ${height}`, class: "chart", role: "img"});
    container.appendChild(svg);
    return svg;
  }

  function legend(container, series) {
    const box = html("div", {class: "legend"});
    for (const s of series) {
      const item = html("span", {class: "legend-item"});
      const sw = html("span", {class: "swatch"});
      sw.style.background = s.color;
      item.appendChild(sw);
      item.appendChild(document.createTextNode(s.name));
      box.appendChild(item);
    }
    container.appendChild(box);
  }

  function yAxis(svg, scale, tickValues, left, right, format) {
    for (const t of tickValues) {
      const y = scale(t);
      el("line", {x1: left, x2: right, y1: y, y2: y, class: t === 0 ? "axis" : "grid"}, svg);
      const label = el("text", {x: left - 6, y: y + 4, class: "tick", "text-anchor": "end"}, svg);
      label.textContent = format ? format(t) : shortNumber(t);
    }
  }

  function xLabels(svg, labels, xOf, y, every) {
    labels.forEach((l, i) => {
      // Every every-th label, and the last one when it is far enough from the one before.
      const last = i === labels.length - 1;
      if (i % every !== 0 && !(last && i % every > every / 2)) return;
      const t = el("text", {x: xOf(i), y: y, class: "tick", "text-anchor": "middle"}, svg);
      t.textContent = l;
    });
  }

  // Bars per label; series stack; negative values stack downwards from the axis (PostHog
  // lifecycle: dormant below). series: [{name, key (column index), color}].
  function stackedBars(container, table, series, opts) {
    opts = opts || {};
    const height = opts.height || 280;
    const left = 56, right = W - 10, top = 12, bottom = height - 28;
    const labels = table.rows.map(r => r[0]);
    let min = 0, max = 0;
    for (const r of table.rows) {
      let pos = 0, neg = 0;
      for (const s of series) {
        const v = Number(r[s.key]) || 0;
        if (v >= 0) pos += v; else neg += v;
      }
      max = Math.max(max, pos);
      min = Math.min(min, neg);
    }
    const tv = ticks(min, max, 5);
    const lo = tv[0], hi = tv[tv.length - 1];
    const scale = v => bottom - (v - lo) / (hi - lo) * (bottom - top);
    const svg = frame(container, height);
    yAxis(svg, scale, tv, left, right, opts.format);
    const n = Math.max(1, labels.length);
    const band = (right - left) / n;
    const bw = Math.max(1, band * 0.72);
    const xOf = i => left + band * i + band / 2;
    table.rows.forEach((r, i) => {
      let pos = 0, neg = 0;
      for (const s of series) {
        const v = Number(r[s.key]) || 0;
        let y0, y1;
        if (v >= 0) { y0 = scale(pos); pos += v; y1 = scale(pos); } else { y0 = scale(neg); neg += v; y1 = scale(neg); }
        const rect = el("rect", {x: xOf(i) - bw / 2, y: Math.min(y0, y1), width: bw,
          height: Math.max(0, Math.abs(y1 - y0)), fill: s.color, class: "mark",
          "data-series": s.name, "data-label": labels[i], "data-value": String(r[s.key])}, svg);
        el("title", {}, rect).textContent = `${labels[i]} ${s.name}: ${fmt(r[s.key])}`;
      }
    });
    xLabels(svg, labels, xOf, height - 8, Math.ceil(n / 10));
    legend(container, series);
    return svg;
  }

  // Lines over labels. series: [{name, key, color}].
  function lines(container, table, series, opts) {
    opts = opts || {};
    const height = opts.height || 260;
    const left = 56, right = W - 10, top = 12, bottom = height - 28;
    const labels = table.rows.map(r => r[0]);
    let max = opts.max || 0;
    for (const r of table.rows) for (const s of series) max = Math.max(max, Number(r[s.key]) || 0);
    const tv = ticks(0, max, 5);
    const hi = tv[tv.length - 1];
    const scale = v => bottom - v / hi * (bottom - top);
    const svg = frame(container, height);
    yAxis(svg, scale, tv, left, right, opts.format);
    const n = labels.length;
    const xOf = i => n <= 1 ? (left + right) / 2 : left + (right - left) * i / (n - 1);
    for (const s of series) {
      const pts = table.rows.map((r, i) => `${xOf(i).toFixed(1)},${scale(Number(r[s.key]) || 0).toFixed(1)}`);
      el("polyline", {points: pts.join(" "), fill: "none", stroke: s.color, "stroke-width": 2, class: "line",
        "data-series": s.name}, svg);
      const dots = n <= 60;
      table.rows.forEach((r, i) => {
        const c = el("circle", {cx: xOf(i), cy: scale(Number(r[s.key]) || 0), r: dots ? 3 : 1.2,
          fill: s.color, class: "mark", "data-series": s.name, "data-label": labels[i],
          "data-value": String(r[s.key])}, svg);
        el("title", {}, c).textContent = `${labels[i]} ${s.name}: ${opts.format ? opts.format(r[s.key]) : fmt(r[s.key])}`;
      });
    }
    xLabels(svg, labels, xOf, height - 8, Math.ceil(n / 8));
    legend(container, series);
    return svg;
  }

  // Horizontal bars, one per row: label (column 0) and value (column key).
  function hbars(container, table, key, color, opts) {
    opts = opts || {};
    const rowH = 24;
    const height = Math.max(40, table.rows.length * rowH + 10);
    const left = 150, right = W - 90;
    let max = 0;
    for (const r of table.rows) max = Math.max(max, Number(r[key]) || 0);
    const svg = frame(container, height);
    table.rows.forEach((r, i) => {
      const v = Number(r[key]) || 0;
      const y = 5 + i * rowH;
      const t = el("text", {x: left - 8, y: y + 15, class: "tick", "text-anchor": "end"}, svg);
      t.textContent = r[0];
      const w = max === 0 ? 0 : (right - left) * v / max;
      const rect = el("rect", {x: left, y: y + 3, width: Math.max(0, w), height: rowH - 8, fill: color,
        class: "mark", "data-series": table.columns[key], "data-label": String(r[0]),
        "data-value": String(r[key])}, svg);
      el("title", {}, rect).textContent = `${r[0]}: ${fmt(r[key])}`;
      const vt = el("text", {x: left + w + 6, y: y + 15, class: "tick"}, svg);
      vt.textContent = opts.label ? opts.label(r) : fmt(v);
    });
    return svg;
  }

  // A cohort heatmap as an HTML table: rows = cohorts, cells = shares (0..1) coloured by value.
  function heatmap(container, table, firstValueColumn) {
    const t = html("table", {class: "heatmap"});
    const head = html("tr");
    table.columns.forEach(c => head.appendChild(html("th", {}, c)));
    t.appendChild(head);
    for (const r of table.rows) {
      const tr = html("tr");
      r.forEach((v, i) => {
        if (i < firstValueColumn) {
          tr.appendChild(html("th", {class: "rowhead", "data-value": String(v)}, fmt(v)));
          return;
        }
        const td = html("td", {class: "mark", "data-series": table.columns[i], "data-label": String(r[0]),
          "data-value": v === null || v === undefined ? "" : String(v)}, v === null || v === undefined ? "" : pct(v));
        if (v !== null && v !== undefined) {
          const a = Math.min(1, Math.max(0, v));
          td.style.background = `rgba(21, 101, 192, ${(0.08 + 0.85 * a).toFixed(3)})`;
          if (a > 0.5) td.style.color = "#fff";
        }
        tr.appendChild(td);
      });
      t.appendChild(tr);
    }
    container.appendChild(t);
    return t;
  }

  // The plain table view of a table.
  function dataTable(table, format) {
    const t = html("table", {class: "data"});
    const head = html("tr");
    table.columns.forEach(c => head.appendChild(html("th", {}, c)));
    t.appendChild(head);
    for (const r of table.rows) {
      const tr = html("tr");
      r.forEach((v, i) => tr.appendChild(html("td", {"data-value": v === null || v === undefined ? "" : String(v)},
        format && format[i] ? format[i](v) : fmt(v))));
      t.appendChild(tr);
    }
    return t;
  }

  function csvCell(v) {
    if (v === null || v === undefined) return "";
    const s = String(v);
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function csv(table) {
    return [table.columns, ...table.rows].map(r => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  }

  function download(name, text) {
    const blob = new Blob([text], {type: "text/csv;charset=utf-8"});
    const a = html("a", {href: URL.createObjectURL(blob), download: name});
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // A panel: title, a "Table" toggle and a "CSV" button, the chart (draw(body)) or its table.
  function panel(parent, id, title, table, draw, opts) {
    opts = opts || {};
    const p = html("section", {class: "panel", id: "panel-" + id, "data-panel": id});
    const h = html("div", {class: "panel-head"});
    h.appendChild(html("h3", {}, title));
    const tools = html("div", {class: "tools"});
    const toggle = html("button", {type: "button", class: "toggle", "data-action": "table"}, "Table");
    const dl = html("button", {type: "button", class: "csv", "data-action": "csv"}, "CSV");
    tools.appendChild(toggle);
    tools.appendChild(dl);
    h.appendChild(tools);
    p.appendChild(h);
    if (opts.note) p.appendChild(html("p", {class: "note"}, opts.note));
    const chartBox = html("div", {class: "chart-box"});
    const tableBox = html("div", {class: "table-box", hidden: ""});
    p.appendChild(chartBox);
    p.appendChild(tableBox);
    if (table.rows.length === 0) {
      chartBox.appendChild(html("p", {class: "empty"}, opts.empty || "No data in this range."));
    } else {
      draw(chartBox);
    }
    tableBox.appendChild(dataTable(table, opts.format));
    toggle.addEventListener("click", () => {
      const showTable = tableBox.hidden;
      tableBox.hidden = !showTable;
      chartBox.hidden = showTable;
      toggle.textContent = showTable ? "Chart" : "Table";
    });
    dl.addEventListener("click", () => download(id + ".csv", csv(table)));
    p.longviewTable = table;
    parent.appendChild(p);
    return p;
  }

  return {stackedBars, lines, hbars, heatmap, dataTable, panel, csv, fmt, pct, html};
})();

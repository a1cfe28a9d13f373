// The HTML page of `ringdump stats plot`: one self-contained file (no network, no CDN). The data goes in as
// JSON in place of the marker below; the script draws the charts as inline SVG, one line per queue plus the
// total, with a tooltip per point, and exports each chart as SVG or PNG. Every drawn point carries its values
// in data-* attributes, so a headless browser (tests/unit/stats_plot_test.cpp) can check what was plotted.
#pragma once

namespace ringdump::cli {

inline constexpr const char* kStatsDataMarker = "/*RINGDUMP_STATS_DATA*/null";

inline constexpr const char* kStatsPageTemplate = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ringdump statistics</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; background: #fff; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  .meta { color: #666; margin-bottom: 16px; }
  .chart { margin: 0 0 28px; }
  .chart h2 { font-size: 15px; margin: 0 0 4px; display: inline-block; }
  .chart button { margin-left: 12px; font-size: 12px; }
  svg text { font: 11px system-ui, sans-serif; fill: #444; }
  svg .grid { stroke: #e4e4e4; }
  svg .axis { stroke: #888; }
  table { border-collapse: collapse; margin-bottom: 24px; }
  td, th { border: 1px solid #ccc; padding: 3px 10px; text-align: right; }
  th { background: #f4f4f4; }
  .error { color: #b00; }
</style>
</head>
<body>
<h1>ringdump capture statistics</h1>
<div class="meta" id="meta"></div>
<table id="summary"></table>
<div id="charts"></div>
<script>
"use strict";
const DATA = /*RINGDUMP_STATS_DATA*/null;
const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                "#bcbd22", "#17becf"];
const SVGNS = "http://www.w3.org/2000/svg";

function el(name, attrs, parent, text) {
  const e = document.createElementNS(SVGNS, name);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}

// Round tick steps (1, 2, 5 x 10^n) for an axis from 0 to max.
function ticks(max, count, minStep) {
  if (!(max > 0)) return [0, 1];
  const raw = Math.max(max / count, minStep || 0), mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map(m => m * mag).find(s => s >= raw);
  const out = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(v);
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
  return out;
}

function fmt(v) {
  if (v >= 1e9) return (v / 1e9).toPrecision(3) + "G";
  if (v >= 1e6) return (v / 1e6).toPrecision(3) + "M";
  if (v >= 1e4) return (v / 1e3).toPrecision(3) + "k";
  return String(Math.round(v * 100) / 100);
}

function clock(ms) { return new Date(ms).toISOString().substring(11, 19); }

function colorOf(queue, index) { return queue === "total" ? "#000" : COLORS[index % COLORS.length]; }

function drawChart(container, id, title, unit, key) {
  const div = document.createElement("div");
  div.className = "chart";
  div.id = "chart-" + id;
  const h = document.createElement("h2");
  h.textContent = title;
  div.appendChild(h);
  const W = 900, H = 280, L = 70, R = 130, T = 12, B = 36;
  const svg = el("svg", {xmlns: SVGNS, width: W, height: H, viewBox: "0 0 " + W + " " + H,
                         "data-chart": id, role: "img", "aria-label": title});
  el("rect", {x: 0, y: 0, width: W, height: H, fill: "#fff"}, svg);
  const t0 = DATA.t0, t1 = Math.max(DATA.t1, DATA.t0 + 1000);
  let max = 0;
  for (const s of DATA.series) for (const p of s.points) max = Math.max(max, p[key]);
  const yt = ticks(max, 5), ymax = yt[yt.length - 1] || 1;
  const x = t => L + (t - t0) / (t1 - t0) * (W - L - R);
  const y = v => H - B - v / ymax * (H - T - B);
  for (const v of yt) {
    el("line", {class: "grid", x1: L, x2: W - R, y1: y(v), y2: y(v)}, svg);
    el("text", {x: L - 6, y: y(v) + 4, "text-anchor": "end", class: "ytick"}, svg, fmt(v));
  }
  const xt = ticks((t1 - t0) / 1000, 8, 1);  // whole seconds: labels are hh:mm:ss
  for (const s of xt) {
    const t = t0 + s * 1000;
    if (t > t1 + 1) break;
    el("line", {class: "grid", x1: x(t), x2: x(t), y1: T, y2: H - B}, svg);
    el("text", {x: x(t), y: H - B + 16, "text-anchor": "middle", class: "xtick"}, svg, clock(t));
  }
  el("line", {class: "axis", x1: L, x2: L, y1: T, y2: H - B}, svg);
  el("line", {class: "axis", x1: L, x2: W - R, y1: H - B, y2: H - B}, svg);
  el("text", {x: 14, y: T + (H - T - B) / 2, transform: "rotate(-90 14 " + (T + (H - T - B) / 2) + ")",
              "text-anchor": "middle"}, svg, unit);
  el("text", {x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle"}, svg, "time (UTC)");
  DATA.series.forEach((s, i) => {
    const color = colorOf(s.queue, i);
    const g = el("g", {class: "series", "data-queue": s.queue}, svg);
    const pts = s.points.map(p => x(p.t).toFixed(1) + "," + y(p[key]).toFixed(1)).join(" ");
    el("polyline", {points: pts, fill: "none", stroke: color, "stroke-width": s.queue === "total" ? 2 : 1.5,
                    "stroke-dasharray": s.queue === "total" ? "5 3" : ""}, g);
    if (s.points.length <= 2000) {
      for (const p of s.points) {
        const c = el("circle", {cx: x(p.t).toFixed(1), cy: y(p[key]).toFixed(1), r: 2.5, fill: color,
                                "data-time": p.time, "data-value": p[key]}, g);
        el("title", {}, c, "queue " + s.queue + " at " + p.time + ": " + p[key] + " " + unit);
      }
    }
    const ly = T + 14 + i * 16;
    el("line", {x1: W - R + 12, x2: W - R + 32, y1: ly - 4, y2: ly - 4, stroke: color, "stroke-width": 2}, svg);
    el("text", {x: W - R + 38, y: ly, class: "legend"}, svg, s.queue === "total" ? "total" : "queue " + s.queue);
  });
  div.appendChild(svg);
  for (const kind of ["SVG", "PNG"]) {
    const b = document.createElement("button");
    b.textContent = "Save " + kind;
    b.onclick = () => exportChart(svg, id, kind);
    div.appendChild(b);
  }
  container.appendChild(div);
}

function download(url, name) {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function exportChart(svg, id, kind) {
  const text = new XMLSerializer().serializeToString(svg);
  const url = URL.createObjectURL(new Blob([text], {type: "image/svg+xml"}));
  if (kind === "SVG") return download(url, "ringdump-" + id + ".svg");
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = svg.width.baseVal.value * 2;
    canvas.height = svg.height.baseVal.value * 2;
    const ctx = canvas.getContext("2d");
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    download(canvas.toDataURL("image/png"), "ringdump-" + id + ".png");
    URL.revokeObjectURL(url);
  };
  img.src = url;
}

function summary() {
  const table = document.getElementById("summary");
  const head = ["queue", "packets", "kernel drops", "drop %", "freezes", "writer stalls", "files"];
  table.innerHTML = "<tr>" + head.map(h => "<th>" + h + "</th>").join("") + "</tr>";
  for (const s of DATA.series) {
    const last = s.points[s.points.length - 1];
    const seen = last.packets_total + last.drops_total;
    const cells = [s.queue, last.packets_total, last.drops_total,
                   seen ? (100 * last.drops_total / seen).toFixed(3) : "0.000", last.freezes_total,
                   last.stalls_total, last.files_total];
    const tr = document.createElement("tr");
    tr.setAttribute("data-queue", s.queue);
    for (const c of cells) {
      const td = document.createElement("td");
      td.textContent = c;
      tr.appendChild(td);
    }
    table.appendChild(tr);
  }
}

(function main() {
  const meta = document.getElementById("meta");
  if (!DATA || !DATA.series.length) {
    meta.innerHTML = "<span class=\"error\">no statistics rows</span>";
    return;
  }
  meta.textContent = DATA.source + ": " + DATA.rows + " rows, " + clock(DATA.t0) + " to " + clock(DATA.t1) +
                     " UTC (" + new Date(DATA.t0).toISOString().substring(0, 10) + ")";
  summary();
  const charts = document.getElementById("charts");
  drawChart(charts, "pps", "Packets per second", "packets/s", "pps");
  drawChart(charts, "mbps", "Throughput written", "Mbit/s", "mbps");
  drawChart(charts, "drops", "Kernel drops per interval", "packets", "drops");
  document.body.setAttribute("data-rendered", "true");
})();
</script>
</body>
</html>
)HTML";

}  // namespace ringdump::cli

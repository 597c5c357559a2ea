// Draws every <canvas data-chart="ID"> from the JSON in the element with that id, and wires the
// "Download PNG" buttons. The same numbers are in the table next to each chart: the chart is only
// a picture of it. Withheld values (rates on a small base) arrive as null with a "suppressed" flag and are
// drawn as a hatched stub labelled "c", never as a zero-length bar.
// Keyboard users step through the data points with the arrow keys; each point is announced.
(function () {
  "use strict";

  // Okabe–Ito palette: distinguishable with the common forms of colour blindness.
  var palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
  // Line styles and fill patterns so that series differ by more than colour.
  var dashes = [[], [6, 4], [2, 3], [10, 4, 2, 4], [1, 2], [8, 2], [4, 6], [12, 3]];
  var pointStyles = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "dash", "cross"];
  // Marks whose colour has less than 3:1 against the white chart background get this border (SC 1.4.11).
  var markBorder = "#1b1f24";
  var background = "#ffffff";

  var text = {
    chartKeys: document.body.dataset.textChartKeys || "",
    chartExtremes: document.body.dataset.textChartExtremes || "",
    withheld: document.body.dataset.textWithheld || "—",
    noData: document.body.dataset.textNoData || "—"
  };

  function locale() {
    return document.documentElement.lang || "ru";
  }

  // Chart text follows the user's text size (the root font size, which the browser setting and the
  // high-contrast mode change) instead of Chart.js's fixed 12 px.
  function rootFontSize() {
    var size = parseFloat(window.getComputedStyle(document.documentElement).fontSize);
    return isNaN(size) ? 16 : size;
  }

  function applyTextDefaults() {
    Chart.defaults.font.size = Math.round(rootFontSize() * 0.875);
    Chart.defaults.color = window.getComputedStyle(document.body).color || "#1b1f24";
  }

  function luminance(hex) {
    var channels = [1, 3, 5].map(function (i) {
      var c = parseInt(hex.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  }

  function contrast(a, b) {
    var la = luminance(a);
    var lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function needsBorder(colour) {
    return contrast(colour, background) < 3;
  }

  // A small tile: the series colour with one of eight distinct overlays (none, diagonal, dots,
  // horizontal lines, cross-hatch, vertical lines, reverse diagonal, grid), so that 8 series never share one.
  function pattern(colour, index) {
    var size = 8;
    var tile = document.createElement("canvas");
    tile.width = size;
    tile.height = size;
    var ctx = tile.getContext("2d");
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, size, size);
    // Dark overlays on light colours, light ones on dark colours: the pattern stays visible on both.
    var overlay = luminance(colour) > 0.4 ? "rgba(0,0,0,0.6)" : "rgba(255,255,255,0.75)";
    ctx.strokeStyle = overlay;
    ctx.fillStyle = overlay;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    switch (index % 8) {
      case 1: ctx.moveTo(0, size); ctx.lineTo(size, 0); break;
      case 2: ctx.arc(size / 2, size / 2, 1.5, 0, 2 * Math.PI); ctx.fill(); break;
      case 3: ctx.moveTo(0, size / 2); ctx.lineTo(size, size / 2); break;
      case 4: ctx.moveTo(0, 0); ctx.lineTo(size, size); ctx.moveTo(0, size); ctx.lineTo(size, 0); break;
      case 5: ctx.moveTo(size / 2, 0); ctx.lineTo(size / 2, size); break;
      case 6: ctx.moveTo(0, 0); ctx.lineTo(size, size); break;
      case 7: ctx.moveTo(0, size / 2); ctx.lineTo(size, size / 2); ctx.moveTo(size / 2, 0); ctx.lineTo(size / 2, size); break;
      default: break;
    }
    ctx.stroke();
    var fill = ctx.createPattern(tile, "repeat");
    fill.tile = tile;
    return fill;
  }

  // On a narrow chart long category and series names are shortened with an ellipsis; the full name
  // is in the tooltip, in what the keyboard walk announces and in the table next to the chart.
  function abbreviate(label, chart) {
    var full = Array.isArray(label) ? label.join(" ") : String(label);
    var limit = Math.max(8, Math.floor(chart.width / (Chart.defaults.font.size * 0.6) / 3));
    return full.length > limit ? full.slice(0, limit - 1) + "…" : full;
  }

  // A month axis ("янв. 2025" … "дек. 2025") is written level: the month on every tick, the year under the
  // first month and under each January. Slanted labels took a third of a trend chart's height.
  function monthTicks(labels) {
    var parts = labels.map(function (label) { return /^(.*\S)\s+(\d{4})$/.exec(String(label)); });
    if (parts.length === 0 || parts.some(function (p) { return !p; })) {
      return null;
    }
    return parts.map(function (p, i) { return i === 0 || parts[i - 1][2] !== p[2] ? [p[1], p[2]] : p[1]; });
  }

  // PNG downloads get a white background instead of a transparent one.
  var whiteBackground = {
    id: "whiteBackground",
    beforeDraw: function (chart) {
      var ctx = chart.canvas.getContext("2d");
      ctx.save();
      ctx.globalCompositeOperation = "destination-over";
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    }
  };

  // A withheld value is not a zero: a short hatched stub at the axis, labelled "c" like its table cell.
  var withheldMarks = {
    id: "withheldMarks",
    afterDatasetsDraw: function (chart) {
      var horizontal = chart.options.indexAxis === "y";
      var categoryScale = horizontal ? chart.scales.y : chart.scales.x;
      var valueScale = horizontal ? chart.scales.x : chart.scales.y;
      var ctx = chart.ctx;
      chart.data.datasets.forEach(function (series, d) {
        (series.suppressed || []).forEach(function (withheld, i) {
          if (!withheld || !chart.isDatasetVisible(d)) {
            return;
          }
          var element = chart.getDatasetMeta(d).data[i];
          var position = element ? (horizontal ? element.y : element.x) : NaN;
          var along = isFinite(position) ? position : categoryScale.getPixelForValue(i);
          var base = valueScale.getPixelForValue(0);
          var w = horizontal ? 14 : 10;
          var h = horizontal ? 10 : 14;
          var x = horizontal ? base : along - w / 2;
          var y = horizontal ? along - h / 2 : base - h;
          ctx.save();
          ctx.strokeStyle = markBorder;
          ctx.fillStyle = markBorder;
          ctx.lineWidth = 1;
          ctx.strokeRect(x, y, w, h);
          ctx.beginPath();
          ctx.rect(x, y, w, h);
          ctx.clip();
          ctx.beginPath();
          for (var k = -h; k < w; k += 4) {
            ctx.moveTo(x + k, y + h);
            ctx.lineTo(x + k + h, y);
          }
          ctx.stroke();
          ctx.restore();
          ctx.save();
          ctx.fillStyle = markBorder;
          ctx.textAlign = horizontal ? "left" : "center";
          ctx.textBaseline = horizontal ? "middle" : "bottom";
          ctx.fillText("c", horizontal ? x + w + 3 : along, horizontal ? along : y - 2);
          ctx.restore();
        });
      });
    }
  };

  // A horizontal bar chart is as tall as its bars need: a band per category (one bar per series, or one
  // stacked bar), the value axis, and the legend's rows. Two bars make a short chart, thirteen a tall one.
  function sizeToContent(canvas, data, horizontal, stacked) {
    var holder = canvas.parentNode;
    if (!horizontal || !holder || !holder.classList.contains("chart__canvas")) {
      return;
    }
    var rem = rootFontSize();
    var series = data.datasets.length;
    var barsPerCategory = stacked ? 1 : Math.max(1, series);
    // At least a line of label text per category, so that the category names never overlap.
    var band = Math.max(barsPerCategory * 0.55 + 0.35, 1.125) * rem;
    var width = holder.clientWidth || 600;
    var perRow = Math.max(1, Math.floor(width / (11 * rem)));
    var legendRows = series > 1 ? Math.ceil(series / perRow) : 0;
    holder.style.height = Math.round(data.labels.length * band + 2.5 * rem + legendRows * 1.6 * rem) + "px";
  }

  function describePoint(data, formatter, datasetIndex, index) {
    var series = data.datasets[datasetIndex];
    var value = series.data[index];
    var shown = value !== null && value !== undefined
      ? formatter.format(value)
      : (series.suppressed && series.suppressed[index] ? text.withheld || "—" : text.noData || "—");
    return data.labels[index] + ", " + series.label + ": " + shown;
  }

  // "Series: largest A (1), smallest B (2)." for each series with shown values: the description of
  // the chart names its extremes, which a sighted reader takes in at a glance.
  function describeExtremes(data, formatter) {
    return data.datasets.map(function (series) {
      var largest = null;
      var smallest = null;
      series.data.forEach(function (value, i) {
        if (value === null || value === undefined) {
          return;
        }
        if (largest === null || value > series.data[largest]) { largest = i; }
        if (smallest === null || value < series.data[smallest]) { smallest = i; }
      });
      if (largest === null || !text.chartExtremes) {
        return "";
      }
      return text.chartExtremes
        .replace("{0}", series.label)
        .replace("{1}", data.labels[largest])
        .replace("{2}", formatter.format(series.data[largest]))
        .replace("{3}", data.labels[smallest])
        .replace("{4}", formatter.format(series.data[smallest]));
    }).filter(function (sentence) { return sentence; }).join(" ");
  }

  // Arrow keys move between the categories (left/right) and the series (up/down), Home/End jump to
  // the first/last category; the point is highlighted with its tooltip and announced in a live region.
  function wireKeyboard(canvas, chart, data, formatter) {
    var live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    live.id = canvas.id + "-point";
    live.setAttribute("data-chart-point", "");
    canvas.parentNode.insertBefore(live, canvas.nextSibling);
    var hint = document.createElement("span");
    hint.className = "visually-hidden";
    hint.id = canvas.id + "-keys";
    hint.textContent = (describeExtremes(data, formatter) + " " + (text.chartKeys || "")).trim();
    canvas.parentNode.insertBefore(hint, live);
    canvas.setAttribute("tabindex", "0");
    var describedBy = canvas.getAttribute("aria-describedby");
    canvas.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + hint.id);

    var position = null;
    function show() {
      var active = [{ datasetIndex: position.series, index: position.category }];
      chart.setActiveElements(active);
      var element = chart.getDatasetMeta(position.series).data[position.category];
      chart.tooltip.setActiveElements(active, element ? { x: element.x, y: element.y } : { x: 0, y: 0 });
      chart.update();
      live.textContent = describePoint(data, formatter, position.series, position.category);
    }

    canvas.addEventListener("keydown", function (event) {
      var categories = data.labels.length;
      var series = data.datasets.length;
      if (categories === 0 || series === 0) {
        return;
      }
      var next = position ? { category: position.category, series: position.series } : { category: 0, series: 0 };
      switch (event.key) {
        case "ArrowRight": if (position) { next.category = Math.min(categories - 1, next.category + 1); } break;
        case "ArrowLeft": if (position) { next.category = Math.max(0, next.category - 1); } break;
        case "ArrowDown": if (position) { next.series = Math.min(series - 1, next.series + 1); } break;
        case "ArrowUp": if (position) { next.series = Math.max(0, next.series - 1); } break;
        case "Home": next.category = 0; break;
        case "End": next.category = categories - 1; break;
        case "Escape":
          position = null;
          chart.setActiveElements([]);
          chart.tooltip.setActiveElements([], { x: 0, y: 0 });
          chart.update();
          live.textContent = "";
          return;
        default: return;
      }
      event.preventDefault();
      position = next;
      show();
    });
    canvas.addEventListener("blur", function () {
      chart.setActiveElements([]);
      chart.tooltip.setActiveElements([], { x: 0, y: 0 });
      chart.update();
    });
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") {
      return;
    }

    var data = JSON.parse(source.textContent);
    var kind = data.kind || canvas.dataset.chartType || "bar";
    // On a phone-sized screen columns become horizontal bars: their names stay whole and readable.
    if (kind === "bar" && window.matchMedia("(max-width: 40em)").matches) {
      kind = "hbar";
      canvas.parentNode.classList.add("chart__canvas--narrow-bars");
    }
    var horizontal = kind === "hbar" || kind === "stacked-bar";
    var stacked = data.stacked || kind === "stacked-bar";
    var formatter = new Intl.NumberFormat(locale());
    sizeToContent(canvas, data, horizontal, stacked);
    var datasets = data.datasets.map(function (series, i) {
      var colour = palette[i % palette.length];
      var border = needsBorder(colour);
      if (kind === "line") {
        return {
          label: series.label,
          data: series.data,
          borderColor: colour,
          backgroundColor: colour,
          borderDash: dashes[i % dashes.length],
          pointStyle: pointStyles[i % pointStyles.length],
          pointRadius: 4,
          pointBorderColor: border ? markBorder : colour,
          pointBorderWidth: border ? 1.5 : 1,
          spanGaps: false,
          tension: 0,
          suppressed: series.suppressed
        };
      }
      return {
        label: series.label,
        data: series.data,
        backgroundColor: pattern(colour, i),
        borderColor: border ? markBorder : colour,
        borderWidth: border ? 1.5 : 1,
        suppressed: series.suppressed
      };
    });

    var valueAxis = { stacked: stacked, beginAtZero: true, ticks: { callback: function (v) { return formatter.format(v); } } };
    var categoryAxis = {
      stacked: stacked,
      ticks: { autoSkip: !horizontal, callback: function (value) { return abbreviate(this.getLabelForValue(value), this.chart); } }
    };
    var months = kind === "line" ? monthTicks(data.labels) : null;
    if (months) {
      categoryAxis.ticks = {
        autoSkip: true,
        maxRotation: 0,
        font: function () { return { size: Math.round(rootFontSize() * 0.75) }; },
        callback: function (value) { return months[value]; }
      };
    }
    // A small multiple keeps its legend to one line: smaller keys and tighter spacing.
    var small = !!canvas.closest(".chart-table--small");
    var chart = new Chart(canvas, {
      type: kind === "line" ? "line" : "bar",
      data: { labels: data.labels, datasets: datasets },
      plugins: [whiteBackground, withheldMarks],
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: locale(),
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        plugins: {
          legend: {
            display: data.datasets.length > 1,
            position: "bottom",
            labels: {
              usePointStyle: kind === "line",
              boxWidth: small ? 12 : 40,
              padding: small ? 6 : 10,
              generateLabels: function (c) {
                return Chart.defaults.plugins.legend.labels.generateLabels(c).map(function (item) {
                  item.text = abbreviate(item.text, c);
                  return item;
                });
              }
            }
          },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var value = horizontal ? ctx.parsed.x : ctx.parsed.y;
                return ctx.dataset.label + ": " + (value === null ? "—" : formatter.format(value));
              }
            }
          }
        }
      }
    });
    canvas.chartInstance = chart;
    wireKeyboard(canvas, chart, data, formatter);
  }

  function download(button) {
    var canvas = document.getElementById(button.dataset.download);
    if (!canvas || !canvas.chartInstance) {
      return;
    }
    var link = document.createElement("a");
    link.href = canvas.chartInstance.toBase64Image("image/png", 1);
    link.download = button.dataset.filename || "chart.png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  if (typeof Chart !== "undefined") {
    applyTextDefaults();
  }
  var canvases = Array.prototype.slice.call(document.querySelectorAll("canvas[data-chart]"));
  canvases.forEach(draw);
  // The high-contrast switch changes the root font size: charts redraw with the new text size.
  document.addEventListener("dashboard:displaychange", function () {
    if (typeof Chart === "undefined") {
      return;
    }
    applyTextDefaults();
    canvases.forEach(function (canvas) {
      if (canvas.chartInstance) {
        canvas.chartInstance.update();
      }
    });
  });
  document.querySelectorAll("button[data-download]").forEach(function (button) {
    button.addEventListener("click", function () { download(button); });
  });
})();

// Draws every <canvas data-chart="ID"> from the JSON in the element with that id, and wires the
// "Download PNG" buttons. The same numbers are in the table next to each chart: the chart is only
// a picture of it. Withheld (suppressed) values arrive as null and are drawn as gaps.
(function () {
  "use strict";

  // Okabe–Ito palette: distinguishable with the common forms of colour blindness.
  var palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
  // Line styles and fill patterns so that series differ by more than colour.
  var dashes = [[], [6, 4], [2, 3], [10, 4, 2, 4], [1, 2], [8, 2], [4, 6], [12, 3]];
  var pointStyles = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "dash", "cross"];

  function locale() {
    return document.documentElement.lang || "ru";
  }

  // A small tile: the series colour with a distinct overlay (none, stripes, dots, cross-hatch, ...).
  function pattern(colour, index) {
    var size = 8;
    var tile = document.createElement("canvas");
    tile.width = size;
    tile.height = size;
    var ctx = tile.getContext("2d");
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, size, size);
    ctx.strokeStyle = "rgba(255,255,255,0.75)";
    ctx.fillStyle = "rgba(255,255,255,0.75)";
    ctx.lineWidth = 1.5;
    switch (index % 6) {
      case 1: ctx.beginPath(); ctx.moveTo(0, size); ctx.lineTo(size, 0); ctx.stroke(); break;
      case 2: ctx.beginPath(); ctx.arc(size / 2, size / 2, 1.5, 0, 2 * Math.PI); ctx.fill(); break;
      case 3: ctx.beginPath(); ctx.moveTo(0, size / 2); ctx.lineTo(size, size / 2); ctx.stroke(); break;
      case 4: ctx.beginPath(); ctx.moveTo(0, 0); ctx.lineTo(size, size); ctx.moveTo(0, size); ctx.lineTo(size, 0); ctx.stroke(); break;
      case 5: ctx.beginPath(); ctx.moveTo(size / 2, 0); ctx.lineTo(size / 2, size); ctx.stroke(); break;
      default: break;
    }
    return ctx.createPattern(tile, "repeat");
  }

  // PNG downloads get a white background instead of a transparent one.
  var whiteBackground = {
    id: "whiteBackground",
    beforeDraw: function (chart) {
      var ctx = chart.canvas.getContext("2d");
      ctx.save();
      ctx.globalCompositeOperation = "destination-over";
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    }
  };

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") {
      return;
    }

    var data = JSON.parse(source.textContent);
    var kind = data.kind || canvas.dataset.chartType || "bar";
    var horizontal = kind === "hbar" || kind === "stacked-bar";
    var stacked = data.stacked || kind === "stacked-bar";
    var formatter = new Intl.NumberFormat(locale());
    var datasets = data.datasets.map(function (series, i) {
      var colour = palette[i % palette.length];
      if (kind === "line") {
        return {
          label: series.label,
          data: series.data,
          borderColor: colour,
          backgroundColor: colour,
          borderDash: dashes[i % dashes.length],
          pointStyle: pointStyles[i % pointStyles.length],
          pointRadius: 4,
          spanGaps: false,
          tension: 0
        };
      }
      return {
        label: series.label,
        data: series.data,
        backgroundColor: pattern(colour, i),
        borderColor: colour,
        borderWidth: 1
      };
    });

    var valueAxis = { stacked: stacked, beginAtZero: true, ticks: { callback: function (v) { return formatter.format(v); } } };
    var categoryAxis = { stacked: stacked };
    var chart = new Chart(canvas, {
      type: kind === "line" ? "line" : "bar",
      data: { labels: data.labels, datasets: datasets },
      plugins: [whiteBackground],
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: locale(),
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: kind === "line" } },
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

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
  document.querySelectorAll("button[data-download]").forEach(function (button) {
    button.addEventListener("click", function () { download(button); });
  });
})();

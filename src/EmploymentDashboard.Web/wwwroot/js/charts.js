// Draws every <canvas data-chart="ID"> from the JSON in the element with that id.
// The same numbers are in the table next to each chart; the chart is only a picture of it.
(function () {
  "use strict";

  // Okabe–Ito palette: distinguishable with the common forms of colour blindness.
  var palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

  function locale() {
    return document.documentElement.lang || "ru";
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") {
      return;
    }

    var data = JSON.parse(source.textContent);
    var formatter = new Intl.NumberFormat(locale());
    var datasets = data.datasets.map(function (series, i) {
      return {
        label: series.label,
        data: series.data,
        backgroundColor: palette[i % palette.length],
        borderColor: "#ffffff",
        borderWidth: 1
      };
    });

    new Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: datasets },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        locale: locale(),
        scales: {
          x: { stacked: true, ticks: { callback: function (v) { return formatter.format(v); } } },
          y: { stacked: true }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                return ctx.dataset.label + ": " + formatter.format(ctx.parsed.x);
              }
            }
          }
        }
      }
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();

// Draws the statistics charts from the JSON the page embeds (#statistics-chart-data). Each chart's text
// alternative is the table next to it. Series differ by colour AND by fill pattern (no colour-only meaning);
// a hidden (suppressed) count is a gap, never a zero.
(function () {
  "use strict";
  var source = document.getElementById("statistics-chart-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }

  // DSFR palette: blue France, red Marianne, green, orange, purple.
  var colours = ["#000091", "#c9191e", "#18753c", "#b34000", "#6e445a"];
  var patterns = ["solid", "diagonal", "dots", "cross", "vertical"];

  function pattern(colour, kind) {
    if (kind === "solid") {
      return colour;
    }
    var tile = document.createElement("canvas");
    tile.width = 10;
    tile.height = 10;
    var c = tile.getContext("2d");
    c.fillStyle = "#ffffff";
    c.fillRect(0, 0, 10, 10);
    c.strokeStyle = colour;
    c.fillStyle = colour;
    c.lineWidth = 2;
    c.beginPath();
    if (kind === "diagonal") {
      c.moveTo(0, 10); c.lineTo(10, 0);
      c.moveTo(-2, 2); c.lineTo(2, -2);
      c.moveTo(8, 12); c.lineTo(12, 8);
      c.stroke();
    } else if (kind === "dots") {
      c.arc(5, 5, 2.5, 0, 2 * Math.PI);
      c.fill();
    } else if (kind === "cross") {
      c.moveTo(0, 5); c.lineTo(10, 5);
      c.moveTo(5, 0); c.lineTo(5, 10);
      c.stroke();
    } else {
      c.moveTo(3, 0); c.lineTo(3, 10);
      c.moveTo(8, 0); c.lineTo(8, 10);
      c.stroke();
    }
    return c.createPattern(tile, "repeat");
  }

  var data = JSON.parse(source.textContent);
  data.charts.forEach(function (chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) {
      return;
    }
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map(function (set, i) {
          var colour = colours[i % colours.length];
          return {
            label: set.label,
            data: set.data,
            backgroundColor: pattern(colour, patterns[i % patterns.length]),
            borderColor: colour,
            borderWidth: 2
          };
        })
      },
      options: {
        animation: false,
        responsive: true,
        aspectRatio: 2.5,
        scales: {
          x: { stacked: chart.stacked },
          y: { stacked: chart.stacked, beginAtZero: true, title: { display: true, text: chart.unit }, ticks: { precision: 0 } }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
  });
})();

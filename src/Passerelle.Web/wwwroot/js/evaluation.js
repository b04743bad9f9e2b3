// Draws the Kaplan–Meier curves of the evaluation page from the JSON it embeds (#evaluation-chart-data): a step line
// (the estimate) and its 95 % band (two dashed step lines, the area between them shaded). Each chart's text
// alternative is the table below it. The estimate and the band differ by line style, not by colour only.
(function () {
  "use strict";
  var source = document.getElementById("evaluation-chart-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }

  var data = JSON.parse(source.textContent);
  data.curves.forEach(function (curve) {
    var canvas = document.getElementById(curve.id);
    if (!canvas) {
      return;
    }
    var line = function (key) {
      return curve.points.map(function (p) { return { x: p.x, y: p[key] }; });
    };
    new window.Chart(canvas, {
      type: "line",
      data: {
        datasets: [
          { label: data.labels.band, data: line("lower"), stepped: "after", borderColor: "#6a6af4", borderDash: [6, 4], borderWidth: 1, pointRadius: 0, fill: false, spanGaps: false },
          { label: data.labels.bandUpper, data: line("upper"), stepped: "after", borderColor: "#6a6af4", borderDash: [6, 4], borderWidth: 1, pointRadius: 0, fill: "-1", backgroundColor: "rgba(0, 0, 145, 0.12)", spanGaps: false },
          { label: data.labels.survival, data: line("y"), stepped: "after", borderColor: "#000091", borderWidth: 3, pointRadius: 0, fill: false }
        ]
      },
      options: {
        animation: false,
        responsive: true,
        aspectRatio: 2.5,
        parsing: true,
        scales: {
          x: { type: "linear", min: 0, title: { display: true, text: data.labels.x } },
          y: { min: 0, max: 100, title: { display: true, text: data.labels.y } }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
  });
})();

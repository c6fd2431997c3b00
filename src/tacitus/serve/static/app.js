// Draws every chart of the page: a <script type="application/json" data-chart="ID"> holds a
// Vega-Lite or Vega spec (built by tacitus.serve.charts), drawn into <div id="ID">.
(function () {
  document.querySelectorAll("script[data-chart]").forEach(function (node) {
    var target = document.getElementById(node.dataset.chart);
    var spec = JSON.parse(node.textContent);
    var mode = (spec.$schema || "").indexOf("/vega-lite/") >= 0 ? "vega-lite" : "vega";
    vegaEmbed(target, spec, {mode: mode, actions: false, renderer: "svg"})
      .then(function () { target.dataset.drawn = "true"; })
      .catch(function (err) {
        target.dataset.drawn = "error";
        target.textContent = "The chart could not be drawn: " + err;
      });
  });
})();

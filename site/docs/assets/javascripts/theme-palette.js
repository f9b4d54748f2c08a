// Applies the colour scheme a visitor chose with the toggle (the theme keeps it under
// "__palette") before the page is drawn, as mkdocs-material does inline; loaded from this file
// so that the site's Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";
  var saved = window.__md_get && window.__md_get("__palette");
  if (!saved || !saved.color) {
    return; // no choice made: the system's setting decides
  }
  var color = saved.color;
  if (color.media === "(prefers-color-scheme)") {
    var light = window.matchMedia("(prefers-color-scheme: light)").matches;
    var input = document.querySelector(
      "[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']"
    );
    if (input) {
      color = {
        media: input.getAttribute("data-md-color-media"),
        scheme: input.getAttribute("data-md-color-scheme"),
        primary: input.getAttribute("data-md-color-primary"),
        accent: input.getAttribute("data-md-color-accent"),
      };
    }
  }
  Object.keys(color).forEach(function (key) {
    document.body.setAttribute("data-md-color-" + key, color[key]);
  });
})();

// The theme's menu button is a <label> for a hidden checkbox: it takes no keyboard focus, and
// the closed drawer's links stay in the tab order, so focus vanishes off screen. On screens
// where the navigation is a drawer, this makes the label a button (Enter or Space opens it,
// Escape closes it) and keeps the closed drawer out of the tab order.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector('.md-header label[for="__drawer"]');
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) {
    return;
  }
  // Where the theme shows the navigation as a drawer (below its 76.25em breakpoint).
  var narrow = window.matchMedia("(max-width: 76.2344em)");
  drawer.id = drawer.id || "mocap-drawer";
  button.setAttribute("role", "button");
  button.setAttribute("aria-label", "Menu");
  button.setAttribute("aria-controls", drawer.id);

  function sync() {
    button.tabIndex = narrow.matches ? 0 : -1;
    button.setAttribute("aria-expanded", String(toggle.checked));
    drawer.inert = narrow.matches && !toggle.checked;
  }

  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") {
      return;
    }
    event.preventDefault();
    toggle.click();
    var first = drawer.querySelector(".md-nav__list a[href]");
    if (toggle.checked && first) {
      first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked && narrow.matches) {
      toggle.click();
      button.focus();
    }
  });
  toggle.addEventListener("change", sync);
  narrow.addEventListener("change", sync);
  sync();
})();

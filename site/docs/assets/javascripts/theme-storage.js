// The page-storage helpers mkdocs-material's bundle expects as globals. The theme writes them
// inline into every page; loading them from this file lets the site's Content-Security-Policy
// forbid inline scripts. The site's root is two folders above this file.
(function () {
  "use strict";
  var siteRoot = new URL("../..", document.currentScript.src);

  function hash(text) {
    var value = 0;
    for (var i = 0; i < text.length; i += 1) {
      value = (value << 5) - value + text.charCodeAt(i);
    }
    return value;
  }

  function key(scope, name) {
    return scope.pathname + "." + name;
  }

  window.__md_scope = siteRoot;
  window.__md_hash = hash;
  window.__md_get = function (name, storage, scope) {
    return JSON.parse((storage || localStorage).getItem(key(scope || siteRoot, name)));
  };
  window.__md_set = function (name, value, storage, scope) {
    try {
      (storage || localStorage).setItem(key(scope || siteRoot, name), JSON.stringify(value));
    } catch (error) {
      // Storage full or disabled: the theme works without it.
    }
  };
})();

// Starts GraphiQL with the settings the gateway put into the page (<script id="staffgraph-config">).
// Kept in a file rather than inline so the page's Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("staffgraph-config").textContent);

  // GraphiQL keeps tabs (and, in demo mode, headers) in localStorage. Demo and normal mode
  // get separate namespaces, and the demo's includes a digest of its examples, so a changed
  // example set shows up fresh instead of being hidden behind tabs stored by an older run.
  function namespacedStorage(prefix) {
    var owns = function (key) { return key.indexOf(prefix) === 0; };
    return {
      getItem: function (key) { return localStorage.getItem(prefix + key); },
      setItem: function (key, value) { localStorage.setItem(prefix + key, value); },
      removeItem: function (key) { localStorage.removeItem(prefix + key); },
      get length() { return Object.keys(localStorage).filter(owns).length; },
      clear: function () {
        Object.keys(localStorage).filter(owns).forEach(function (key) { localStorage.removeItem(key); });
      },
    };
  }

  var fetcher = GraphiQL.createFetcher({ url: new URL(config.endpoint, window.location.href).href });
  var props = {
    fetcher: fetcher,
    storage: namespacedStorage(config.storageNamespace),
    isHeadersEditorEnabled: true,
    // Real tokens typed into the headers editor are never written to localStorage; the demo's
    // fixed tokens are, so a reload keeps a working tab.
    shouldPersistHeaders: config.persistHeaders,
    defaultEditorToolsVisibility: config.headers ? "headers" : true,
    inputValueDeprecation: true,
  };
  if (config.headers) {
    props.defaultHeaders = config.headers;
  }
  if (config.tabs.length) {
    props.defaultTabs = config.tabs;
  }
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, props));
})();

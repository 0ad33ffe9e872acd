extension SiteScript {
    /// Routing by hash and start-up.
    static let app = #"""
        // Routing by hash (#/node/<id>, #/lineage/<id>?up=2&down=2, #/search?q=, #/run, #/folder/<path>,
        // #/overview; dbt's #!/model/<id> links work too) and start-up.
        const ROUTES = {
          overview: renderOverview,
          node: renderNode,
          lineage: renderLineagePage,
          search: renderSearchPage,
          run: renderRun,
          folder: renderFolder
        };
        let renderToken = 0;

        function currentState() {
          const raw = location.hash.replace(/^#!?\/?/, "");
          const mark = raw.indexOf("?");
          const path = mark < 0 ? raw : raw.slice(0, mark);
          const params = new URLSearchParams(mark < 0 ? "" : raw.slice(mark + 1));
          const slash = path.indexOf("/");
          let name = slash < 0 ? path : path.slice(0, slash);
          let arg = slash < 0 ? "" : path.slice(slash + 1);
          try { arg = decodeURIComponent(arg); } catch (error) { /* keep it as written */ }
          if (TYPE_ORDER.indexOf(name) >= 0) name = "node";
          if (!ROUTES[name]) name = "overview";
          return { name: name, arg: arg, params: params };
        }

        function render() {
          const state = currentState();
          state.token = ++renderToken;
          closeSearch();
          const main = $("#main");
          if (!main) return;
          if (state.name !== "node") revealInTree(null);
          ROUTES[state.name](main, state);
          $all(".topnav a").forEach(function (link) {
            link.classList.toggle("active", link.getAttribute("data-route") === state.name);
          });
          document.title = (PROJECT.name || "dbt") + " · " + (state.name === "node" && BY_ID.has(state.arg) ? BY_ID.get(state.arg).name : state.name);
          window.scrollTo(0, 0);
          main.focus({ preventScroll: true });
        }

        function start() {
          if (!window.WEIR_DOCS) {
            $("#main").innerHTML = "<h1>No data</h1><p>data.js did not load: generate the site again with <code>weir docs generate</code>.</p>";
            return;
          }
          setupTree();
          setupSearch();
          const toggle = $("#menu-toggle");
          if (toggle) toggle.addEventListener("click", function () { document.body.classList.toggle("nav-open"); });
          $("#sidebar").addEventListener("click", function (event) {
            if (event.target.closest(".tree-item")) document.body.classList.remove("nav-open");
          });
          window.addEventListener("hashchange", render);
          render();
        }

        // For tests and the browser console: the pure parts of the site.
        window.weirDocs = {
          renderMarkdown: renderMarkdown,
          highlightSQL: highlightSQL,
          search: search,
          lineageGraph: lineageGraph,
          lineageLayout: lineageLayout,
          parseLineageSelector: parseLineageSelector,
          entries: ENTRIES
        };

        if (typeof document !== "undefined" && document.getElementById("main")) start();
        """#
}

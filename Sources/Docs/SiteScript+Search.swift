extension SiteScript {
    /// Search over names, columns and descriptions: an index built once, scanned per keystroke.
    static let search = #"""
        // Search over names, column names, descriptions, tags and paths. The index (lower-cased text
        // per entry) is built once; a query is a scan of plain strings, a few milliseconds at 10,000 models.
        let SEARCH_INDEX = null;

        function buildSearchIndex() {
          SEARCH_INDEX = ENTRIES.map(function (entry) {
            if (entry.hidden) return null;
            const columns = (entry.columns || []).map(function (column) { return column.name.toLowerCase(); });
            const text = [entry.description || "", (entry.tags || []).join(" "), entry.path || "", entry.relation || ""]
              .concat((entry.columns || []).map(function (column) { return column.description || ""; }))
              .join(" ").toLowerCase();
            return { name: entry.name.toLowerCase(), columns: columns, columnText: columns.join("\u0001"), text: text };
          });
        }

        function typeRank(entry) {
          const rank = { model: 0, source: 1, seed: 2, snapshot: 3, exposure: 4, analysis: 5, macro: 6, test: 7 }[entry.type];
          // Tests (named after their model and column) and dbt's own macros rank a few match levels
          // lower: a model with a column beats the tests named after it.
          return (rank === undefined ? 8 : rank) + (entry.type === "test" ? 48 : 0) + (isBuiltin(entry) ? 32 : 0);
        }

        // Each term must match somewhere; the best place it matches scores (lower is better).
        function search(query, limit) {
          if (!SEARCH_INDEX) buildSearchIndex();
          const terms = String(query || "").toLowerCase().split(/\s+/).filter(Boolean);
          if (!terms.length) return [];
          const hits = [];
          for (let i = 0; i < SEARCH_INDEX.length; i++) {
            const item = SEARCH_INDEX[i];
            if (!item) continue;
            let score = 0;
            let column = null;
            let matched = true;
            for (let t = 0; t < terms.length; t++) {
              const term = terms[t];
              if (item.name === term) score += 0;
              else if (item.name.indexOf(term) === 0) score += 1;
              else if (item.name.indexOf(term) > 0) score += 2;
              else if (item.columnText.indexOf(term) >= 0) {
                score += 4;
                if (column === null) column = item.columns.find(function (name) { return name.indexOf(term) >= 0; });
              } else if (item.text.indexOf(term) >= 0) score += 6;
              else { matched = false; break; }
            }
            if (matched) hits.push({ entry: ENTRIES[i], score: score * 16 + typeRank(ENTRIES[i]), column: column });
          }
          hits.sort(function (a, b) {
            return a.score - b.score || a.entry.name.length - b.entry.name.length || (a.entry.name < b.entry.name ? -1 : 1);
          });
          return limit ? hits.slice(0, limit) : hits;
        }

        function hitHTML(hit) {
          const entry = hit.entry;
          const context = hit.column ? "column " + hit.column : firstSentence(entry.description) || entry.path || "";
          return badge(entry.type) + "<span class=\"hit-name\">" + esc(entry.name) + "</span>" +
            (entry.package && !isRoot(entry) ? "<span class=\"muted\"> · " + esc(entry.package) + "</span>" : "") +
            "<span class=\"hit-context\">" + esc(context) + "</span>";
        }

        let searchActive = -1;
        function setupSearch() {
          const input = $("#search");
          const box = $("#search-results");
          if (!input || !box) return;
          function show() {
            const query = input.value.trim();
            if (!query) { closeSearch(); return; }
            const hits = search(query, 12);
            searchActive = hits.length ? 0 : -1;
            box.innerHTML = hits.length
              ? hits.map(function (hit, i) {
                return "<a class=\"hit" + (i === 0 ? " active" : "") + "\" href=\"" + nodeHref(hit.entry) + "\">" + hitHTML(hit) + "</a>";
              }).join("") + "<a class=\"hit all\" href=\"" + route("search", "", "q=" + encodeURIComponent(query)) + "\">All results for “" + esc(query) + "”</a>"
              : "<div class=\"hit none\">Nothing matches “" + esc(query) + "”</div>";
            box.hidden = false;
          }
          input.addEventListener("input", show);
          input.addEventListener("focus", function () { if (input.value.trim()) show(); });
          input.addEventListener("keydown", function (event) {
            const hits = $all("a.hit", box);
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              if (!hits.length) return;
              event.preventDefault();
              searchActive = (searchActive + (event.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
              hits.forEach(function (hit, i) { hit.classList.toggle("active", i === searchActive); });
            } else if (event.key === "Enter") {
              event.preventDefault();
              const target = hits[searchActive] || hits[hits.length - 1];
              if (target) location.hash = target.getAttribute("href");
              else if (input.value.trim()) location.hash = route("search", "", "q=" + encodeURIComponent(input.value.trim()));
              input.blur();
              closeSearch();
            } else if (event.key === "Escape") {
              closeSearch();
              input.blur();
            }
          });
          box.addEventListener("mousedown", function (event) { event.preventDefault(); });
          box.addEventListener("click", function () { closeSearch(); input.blur(); });
          document.addEventListener("click", function (event) {
            if (!event.target.closest(".search")) closeSearch();
          });
          document.addEventListener("keydown", function (event) {
            const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
            if (event.key === "/" && !typing) { event.preventDefault(); input.focus(); input.select(); }
          });
          // Build the index when the browser is idle, so the first keystroke is instant too.
          (window.requestIdleCallback || function (callback) { setTimeout(callback, 50); })(function () {
            if (!SEARCH_INDEX) buildSearchIndex();
          });
        }

        function closeSearch() {
          const box = $("#search-results");
          if (box) { box.hidden = true; box.innerHTML = ""; }
          searchActive = -1;
        }

        function renderSearchPage(main, state) {
          const query = state.params.get("q") || "";
          const input = $("#search");
          if (input && document.activeElement !== input) input.value = query;
          const hits = search(query);
          const limit = Number(state.params.get("show")) || 200;
          const counts = {};
          hits.forEach(function (hit) { counts[hit.entry.type] = (counts[hit.entry.type] || 0) + 1; });
          const summary = TYPE_ORDER.filter(function (type) { return counts[type]; })
            .map(function (type) { return chip(plural(counts[type], TYPE_SINGULAR[type] || type, (TYPE_LABELS[type] || type).toLowerCase())); }).join(" ");
          let html = "<h1>Search</h1><p>" + plural(hits.length, "result") + " for “" + esc(query) + "” " + summary + "</p>";
          html += "<div class=\"hits\">" + hits.slice(0, limit).map(function (hit) {
            return "<a class=\"hit\" href=\"" + nodeHref(hit.entry) + "\">" + hitHTML(hit) + "</a>";
          }).join("") + "</div>";
          if (hits.length > limit) {
            html += "<p><a href=\"" + route("search", "", "q=" + encodeURIComponent(query) + "&show=" + (limit + 500)) + "\">Show more</a></p>";
          }
          main.innerHTML = html;
        }
        """#
}

extension SiteScript {
    /// The data, helpers every view uses, and the loader of `details/<n>.js` chunks.
    static let core = #"""
        // The site's data, loaded by data.js, and small helpers every view uses.
        const DATA = window.WEIR_DOCS || { version: 1, chunk_size: 200, project: {}, entries: [], run: null };
        const ENTRIES = DATA.entries || [];
        const PROJECT = DATA.project || {};
        const STRINGS = DATA.strings || [];
        // data.js leaves out what an entry's id gives (type, package, name) and stores columns as
        // arrays with shared strings by position; this restores the plain objects the views use.
        ENTRIES.forEach(function (entry, index) {
          entry.index = index;
          const parts = entry.id.split(".");
          if (entry.type === undefined) entry.type = parts[0];
          if (entry.package === undefined) entry.package = parts[1];
          if (entry.name === undefined) {
            let name = parts.slice(2).join(".");
            if (entry.type === "test" && parts.length > 3 && /^[0-9a-f]{10}$/.test(parts[parts.length - 1])) {
              name = parts.slice(2, -1).join(".");
            }
            entry.name = name;
          }
          if (typeof entry.path === "number") entry.path = STRINGS[entry.path];
          if (entry.columns) {
            entry.columns = entry.columns.map(function (item) {
              const column = Object.assign({ name: item[0] }, item[4] || {});
              if (item[1] !== undefined && item[1] !== null) column.type = item[1];
              if (item[2] !== undefined && item[2] !== null) column.description = STRINGS[item[2]];
              if (item[3]) column.tests = item[3];
              return column;
            });
          }
        });
        const BY_ID = new Map(ENTRIES.map(function (entry) { return [entry.id, entry]; }));

        const TYPE_ORDER = ["model", "source", "seed", "snapshot", "exposure", "semantic_model", "metric", "saved_query", "analysis", "test", "macro"];
        const TYPE_LABELS = {
          model: "Models", source: "Sources", seed: "Seeds", snapshot: "Snapshots", exposure: "Exposures",
          semantic_model: "Semantic models", metric: "Metrics", saved_query: "Saved queries",
          analysis: "Analyses", test: "Data tests", macro: "Macros"
        };
        const TYPE_SINGULAR = {
          model: "model", source: "source", seed: "seed", snapshot: "snapshot", exposure: "exposure",
          semantic_model: "semantic model", metric: "metric", saved_query: "saved query",
          analysis: "analysis", test: "data test", macro: "macro"
        };
        // The semantic layer's resources: described in YAML, neither built nor given columns or code.
        const SEMANTIC_TYPES = { semantic_model: true, metric: true, saved_query: true };
        // Packages of macros that come with dbt and its adapters: kept out of the way in search and trees.
        const BUILTIN_PACKAGE = /^dbt(_(postgres|redshift|sqlite|duckdb|snowflake|bigquery|spark|databricks))?$/;

        function $(selector, root) { return (root || document).querySelector(selector); }
        function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

        const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };
        function esc(value) {
          return String(value === undefined || value === null ? "" : value).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
        }

        function route(name, arg, query) {
          return "#/" + name + (arg ? "/" + encodeURIComponent(arg) : "") + (query ? "?" + query : "");
        }
        function nodeHref(entry) { return route("node", entry.id); }
        function nodeLink(entry, label) {
          return "<a class=\"ref\" href=\"" + nodeHref(entry) + "\">" + esc(label || entry.name) + "</a>";
        }
        function badge(type) { return "<span class=\"badge badge-" + esc(type) + "\">" + esc(String(type).replace("_", " ")) + "</span>"; }
        function chip(text, className) { return "<span class=\"chip " + (className || "") + "\">" + esc(text) + "</span>"; }
        function plural(count, word, many) { return count + " " + (count === 1 ? word : (many || word + "s")); }
        function isRoot(entry) { return entry.package === PROJECT.name; }
        function isBuiltin(entry) { return entry.type === "macro" && BUILTIN_PACKAGE.test(entry.package || ""); }
        function entryAt(index) { return ENTRIES[index]; }
        function entriesAt(list) { return (list || []).map(entryAt).filter(Boolean); }
        function firstSentence(text) {
          if (!text) return "";
          const plain = text.replace(/[`*_#>\[\]]/g, "").replace(/\s+/g, " ").trim();
          const end = plain.search(/[.!?](\s|$)/);
          const sentence = end < 0 ? plain : plain.slice(0, end + 1);
          return sentence.length > 160 ? sentence.slice(0, 157) + "…" : sentence;
        }
        function folderOf(path) {
          const slash = (path || "").lastIndexOf("/");
          return slash < 0 ? "" : path.slice(0, slash);
        }

        function formatDuration(ms) {
          if (ms === undefined || ms === null || isNaN(ms)) return "";
          if (ms === 0) return "0";
          if (ms < 1) return ms.toFixed(2) + " ms";
          if (ms < 1000) return Math.round(ms) + " ms";
          if (ms < 60000) return (ms / 1000).toFixed(2) + " s";
          const minutes = Math.floor(ms / 60000);
          return minutes + " min " + Math.round((ms - minutes * 60000) / 1000) + " s";
        }
        // Artifacts carry microseconds, which not every Date parser takes.
        function formatDate(iso) {
          if (!iso) return "";
          const date = new Date(String(iso).replace(/(\.\d{3})\d+/, "$1"));
          return isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
        }

        function section(title, body, extraClass) {
          return "<section class=\"panel " + (extraClass || "") + "\"><h2>" + esc(title) + "</h2>" + body + "</section>";
        }
        function table(headers, rows, className) {
          return "<table class=\"" + (className || "") + "\"><thead><tr>" +
            headers.map(function (h) { return "<th>" + esc(h) + "</th>"; }).join("") + "</tr></thead><tbody>" +
            rows.join("") + "</tbody></table>";
        }
        function emptyNote(text) { return "<p class=\"muted\">" + esc(text) + "</p>"; }

        // Code and configs live in details/<n>.js, loaded with a script tag (fetch is refused on file://).
        const chunks = new Map();
        window.weirDocsDetails = function (number, list) {
          const chunk = chunks.get(number) || { waiters: [] };
          chunk.list = list;
          chunks.set(number, chunk);
          chunk.waiters.forEach(function (waiter) { waiter.resolve(list); });
          chunk.waiters = [];
        };
        // The one-file site (static_index.html) gives its chunks before this script runs.
        (window.WEIR_DOCS_INLINE || []).forEach(function (chunk) { window.weirDocsDetails(chunk[0], chunk[1]); });
        function loadDetails(entry) {
          const size = DATA.chunk_size || 200;
          const number = Math.floor(entry.index / size);
          const offset = entry.index - number * size;
          let chunk = chunks.get(number);
          if (chunk && chunk.list) return Promise.resolve(chunk.list[offset] || {});
          return new Promise(function (resolve, reject) {
            if (!chunk) {
              chunk = { waiters: [] };
              chunks.set(number, chunk);
              const script = document.createElement("script");
              script.src = "details/" + number + ".js";
              script.onerror = function () {
                chunks.delete(number);
                chunk.waiters.forEach(function (waiter) { waiter.reject(new Error("could not load " + script.src)); });
              };
              document.head.appendChild(script);
            }
            chunk.waiters.push({ resolve: function (list) { resolve(list[offset] || {}); }, reject: reject });
          });
        }

        // The last run, by entry.
        const RUN = DATA.run;
        const RUN_BY_ENTRY = new Map();
        if (RUN && RUN.results) {
          RUN.results.forEach(function (result) {
            if (result.entry !== undefined) RUN_BY_ENTRY.set(result.entry, result);
          });
        }
        // The last source freshness check, by entry.
        const FRESHNESS = DATA.freshness;
        const FRESHNESS_BY_ENTRY = new Map();
        if (FRESHNESS && FRESHNESS.results) {
          FRESHNESS.results.forEach(function (result) { FRESHNESS_BY_ENTRY.set(result.entry, result); });
        }
        // An age in seconds in its largest readable unit: "45 minutes", "3.5 hours", "25.4 years".
        function formatAge(seconds) {
          if (seconds === undefined || seconds === null || isNaN(seconds)) return "";
          const sign = seconds < 0 ? "-" : "";
          const value = Math.abs(seconds);
          const units = [[730 * 86400, 365.25 * 86400, "year"], [172800, 86400, "day"], [7200, 3600, "hour"], [120, 60, "minute"]];
          for (const [threshold, size, name] of units) {
            if (value >= threshold) {
              const amount = value / size;
              return sign + (amount < 10 ? amount.toFixed(1) : Math.round(amount)) + " " + name + "s";
            }
          }
          return sign + Math.round(value) + " seconds";
        }
        function statusClass(status) {
          if (status === "success" || status === "pass") return "ok";
          if (status === "error" || status === "fail" || status === "runtime error") return "bad";
          if (status === "warn") return "warn";
          return "other";
        }
        """#
}

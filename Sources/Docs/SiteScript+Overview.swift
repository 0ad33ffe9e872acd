extension SiteScript {
    /// The project overview and folder pages: documentation and test coverage.
    static let overview = #"""
        // The project overview: the __overview__ doc block, counts, and documentation and test
        // coverage per folder of the root project.
        const DOCUMENTED_TYPES = { model: true, seed: true, snapshot: true, source: true };

        function coverage(entries) {
          const result = { count: entries.length, documented: 0, tested: 0, columns: 0, columnsDocumented: 0 };
          entries.forEach(function (entry) {
            if (entry.description) result.documented++;
            if (entry.tests && entry.tests.length) result.tested++;
            (entry.columns || []).forEach(function (column) {
              result.columns++;
              if (column.description) result.columnsDocumented++;
            });
          });
          return result;
        }

        function meter(part, whole) {
          if (!whole) return "<span class=\"muted\">–</span>";
          const percent = Math.round(100 * part / whole);
          const level = percent >= 80 ? "ok" : percent >= 40 ? "warn" : "bad";
          return "<span class=\"meter meter-" + level + "\" title=\"" + part + " of " + whole + "\"><span style=\"width:" +
            percent + "%\"></span></span> " + percent + "%";
        }

        function folderRows(entries) {
          const folders = new Map();
          entries.forEach(function (entry) {
            const folder = entry.type === "source" ? "sources: " + (entry.source && entry.source.source_name || "") : folderOf(entry.path);
            if (!folders.has(folder)) folders.set(folder, []);
            folders.get(folder).push(entry);
          });
          return Array.from(folders.keys()).sort().map(function (folder) {
            const list = folders.get(folder);
            const stats = coverage(list);
            const link = folder.indexOf("sources: ") === 0 ? esc(folder) : "<a href=\"" + route("folder", folder || ".") + "\">" + esc(folder || "(top)") + "</a>";
            return "<tr><td>" + link + "</td><td class=\"num\">" + stats.count + "</td><td>" + meter(stats.documented, stats.count) +
              "</td><td>" + meter(stats.tested, stats.count) + "</td><td>" + meter(stats.columnsDocumented, stats.columns) + "</td></tr>";
          });
        }

        function renderOverview(main) {
          const visible = ENTRIES.filter(function (entry) { return !entry.hidden; });
          const counts = {};
          visible.forEach(function (entry) {
            if (entry.type === "macro" && !isRoot(entry)) return;
            counts[entry.type] = (counts[entry.type] || 0) + 1;
          });
          const cards = TYPE_ORDER.filter(function (type) { return counts[type]; }).map(function (type) {
            return "<div class=\"card\"><div class=\"card-number\">" + counts[type] + "</div><div class=\"card-label\">" +
              esc(TYPE_LABELS[type] || type) + (type === "macro" ? " (project)" : "") + "</div></div>";
          }).join("");
          let html = "<h1>" + esc(PROJECT.name || "Project") + "</h1><p class=\"muted\">" +
            [PROJECT.adapter, PROJECT.generated_at ? "generated " + formatDate(PROJECT.generated_at) : "",
              PROJECT.catalog_generated_at ? "catalog of " + formatDate(PROJECT.catalog_generated_at) : "no catalog"]
              .filter(Boolean).map(esc).join(" · ") + "</p><div class=\"cards\">" + cards + "</div>";
          html += DATA.overview
            ? "<section class=\"panel prose\">" + renderMarkdown(DATA.overview, { headingShift: 1 }) + "</section>"
            : section("Welcome", "<p>This is the documentation of <strong>" + esc(PROJECT.name || "the project") + "</strong>. " +
              "Browse the tree on the left, search with <kbd>/</kbd>, or open a model to see its columns, code and lineage. " +
              "Write a <code>{% docs __overview__ %}</code> block to replace this text.</p>");
          const documented = visible.filter(function (entry) { return DOCUMENTED_TYPES[entry.type] && isRoot(entry); });
          if (documented.length) {
            const total = coverage(documented);
            html += section("Project by folder",
              "<p class=\"muted\">Documented: " + meter(total.documented, total.count) + " · tested: " + meter(total.tested, total.count) +
              " · columns documented: " + meter(total.columnsDocumented, total.columns) + "</p>" +
              table(["Folder", "Resources", "Documented", "Tested", "Columns documented"], folderRows(documented), "grid"));
            const untested = documented.filter(function (entry) { return entry.type === "model" && !(entry.tests && entry.tests.length); });
            if (untested.length) {
              html += section("Models without tests (" + untested.length + ")", "<ul class=\"columns-list\">" +
                untested.slice(0, 60).map(function (entry) { return "<li>" + nodeLink(entry) + "</li>"; }).join("") + "</ul>" +
                (untested.length > 60 ? emptyNote("and " + (untested.length - 60) + " more") : ""));
            }
          }
          const packages = new Map();
          visible.forEach(function (entry) { packages.set(entry.package, (packages.get(entry.package) || 0) + 1); });
          html += section("Packages", "<ul>" + Array.from(packages.keys()).sort().map(function (name) {
            return "<li>" + esc(name) + " <span class=\"muted\">(" + plural(packages.get(name), "resource") + ")</span></li>";
          }).join("") + "</ul>");
          main.innerHTML = html;
        }

        function renderFolder(main, state) {
          const folder = state.arg === "." ? "" : state.arg;
          const inside = ENTRIES.filter(function (entry) {
            if (entry.hidden || !DOCUMENTED_TYPES[entry.type] || !isRoot(entry) || entry.type === "source") return false;
            const own = folderOf(entry.path);
            return own === folder || own.indexOf(folder + "/") === 0;
          });
          const stats = coverage(inside);
          const rows = inside.sort(function (a, b) { return a.path < b.path ? -1 : 1; }).map(function (entry) {
            return "<tr><td>" + nodeLink(entry) + "</td><td>" + badge(entry.type) + " " + esc(entry.materialized || "") + "</td><td>" +
              esc(firstSentence(entry.description)) + "</td><td class=\"num\">" + (entry.columns || []).length + "</td><td class=\"num\">" +
              (entry.tests || []).length + "</td></tr>";
          });
          main.innerHTML = "<h1>" + esc(folder || "(top)") + "</h1><p class=\"muted\">" + plural(inside.length, "resource") +
            " · documented " + meter(stats.documented, stats.count) + " · tested " + meter(stats.tested, stats.count) + "</p>" +
            (rows.length ? table(["Name", "Type", "Description", "Columns", "Tests"], rows, "grid") : emptyNote("Nothing here."));
        }
        """#
}

extension SiteScript {
    /// A resource's page.
    static let node = #"""
        // A resource's page: description, details, columns with their tests, relations, lineage, code.
        const TEST_ABBREVIATIONS = { unique: "U", not_null: "N", accepted_values: "A", relationships: "F" };

        function testBadge(test) {
          const name = test.test ? test.test.name : "test";
          const short = TEST_ABBREVIATIONS[name] || name.charAt(0).toUpperCase();
          const run = RUN_BY_ENTRY.get(test.index);
          const state = run ? " test-" + statusClass(run.status) : "";
          return "<a class=\"test-badge" + state + "\" href=\"" + nodeHref(test) + "\" title=\"" + esc(name + (run ? ": " + run.status : "")) +
            "\">" + esc(short) + "</a>";
        }

        function detailRows(entry) {
          const rows = [];
          function add(label, value) { if (value) rows.push("<tr><th>" + esc(label) + "</th><td>" + value + "</td></tr>"); }
          add("Relation", entry.relation ? "<code>" + esc(entry.relation) + "</code>" : "");
          add("Materialized", esc(entry.materialized || ""));
          if (entry.catalog) {
            add("Warehouse type", esc(entry.catalog.type || ""));
            add("Owner", esc(entry.catalog.owner || ""));
            add("Comment", esc(entry.catalog.comment || ""));
            (entry.catalog.stats || []).forEach(function (stat) { add(stat[0], esc(stat[1])); });
          } else if (entry.relation && DOCUMENTED_TYPES[entry.type]) {
            add("Warehouse", "<span class=\"muted\">not found in the catalog</span>");
          }
          add("Access", esc(entry.access || ""));
          add("Group", esc(entry.group || ""));
          add("Contract", entry.contract ? "enforced" : "");
          add("Package", esc(entry.package || ""));
          add("Path", entry.path ? "<code>" + esc(entry.path) + "</code>" : "");
          if (entry.source) {
            add("Loader", esc(entry.source.loader || ""));
            add("Loaded at field", esc(entry.source.loaded_at_field || ""));
            const freshness = FRESHNESS_BY_ENTRY.get(entry.index);
            if (freshness) {
              const loaded = freshness.max_loaded_at;
              add("Freshness", "<span class=\"status status-" + statusClass(freshness.status) + "\">" + esc(freshness.status) + "</span>" +
                (loaded ? " · last loaded " + (loaded.startsWith("0001-") ? "never" : esc(loaded.replace("T", " ").replace("+00:00", " UTC")) +
                  ", " + esc(formatAge(freshness.max_loaded_at_time_ago_in_s)) + " before the check") : "") +
                (FRESHNESS.generated_at ? " <span class=\"muted\">(checked " + esc(FRESHNESS.generated_at.replace("T", " ").split(".")[0]) + " UTC)</span>" : "") +
                (freshness.error ? "<div class=\"message\">" + esc(freshness.error) + "</div>" : ""));
            }
          }
          if (entry.exposure) {
            const exposure = entry.exposure;
            add("Exposure type", esc(exposure.type || ""));
            add("Owner", esc(exposure.owner || ""));
            add("Maturity", esc(exposure.maturity || ""));
            const url = exposure.url && safeURL(esc(exposure.url));
            add("URL", url ? "<a href=\"" + url + "\" target=\"_blank\" rel=\"noopener noreferrer\">" + esc(exposure.url) + "</a>" : "");
          }
          if (entry.semantic) {
            const semantic = entry.semantic;
            add("Label", esc(semantic.label || ""));
            add("Metric type", esc(semantic.metric_type || ""));
            add("Model", semantic.model ? "<code>" + esc(semantic.model) + "</code>" : "");
            add("Relation", semantic.relation ? "<code>" + esc(semantic.relation) + "</code>" : "");
            add("Aggregation time", esc(semantic.agg_time_dimension || ""));
            add("Primary entity", esc(semantic.primary_entity || ""));
          }
          if (entry.test) {
            const attached = entry.test.attached !== undefined ? entryAt(entry.test.attached) : null;
            add("Test", esc(entry.test.name));
            add("Tests", attached ? nodeLink(attached) + (entry.test.column ? " · column <code>" + esc(entry.test.column) + "</code>" : "") : "");
            add("Severity", esc(entry.test.severity || ""));
          }
          const run = RUN_BY_ENTRY.get(entry.index);
          if (run) {
            add("Last run", "<span class=\"status status-" + statusClass(run.status) + "\">" + esc(run.status) + "</span> in " +
              esc(formatDuration(run.duration)) + (run.thread ? " on " + esc(run.thread) : "") +
              (run.message && statusClass(run.status) !== "ok" ? "<div class=\"message\">" + esc(run.message) + "</div>" : ""));
          }
          return rows;
        }

        function columnsTable(entry) {
          const columns = entry.columns || [];
          if (!columns.length) return emptyNote(entry.catalog ? "No columns." : "No columns documented, and no catalog for this relation.");
          const rows = columns.map(function (column) {
            const tests = entriesAt(column.tests).map(testBadge).join("");
            const flags = column.missing ? " <span class=\"chip warn\" title=\"declared in a properties file but not in the warehouse\">not in warehouse</span>" : "";
            return "<tr><td><code>" + esc(column.name) + "</code>" + flags + "</td><td class=\"type\">" + esc(column.type || "") +
              "</td><td class=\"prose\">" + renderMarkdown(column.description || "", { tight: true }) + "</td><td class=\"tests\">" + tests + "</td></tr>";
          });
          return table(["Column", "Type", "Description", "Tests"], rows, "grid columns");
        }

        function relationList(entries, empty) {
          if (!entries.length) return emptyNote(empty);
          return "<ul class=\"relations\">" + entries.map(function (other) {
            return "<li>" + badge(other.type) + " " + nodeLink(other) + "</li>";
          }).join("") + "</ul>";
        }

        function renderNode(main, state) {
          const entry = BY_ID.get(state.arg);
          if (!entry) {
            main.innerHTML = "<h1>Not found</h1><p>No resource with id <code>" + esc(state.arg) + "</code>. Try the search.</p>";
            return;
          }
          revealInTree(entry);
          const parents = entriesAt(entry.parents);
          const children = entriesAt(entry.children).filter(function (other) { return other.type !== "test"; });
          const tests = entriesAt(entry.tests);
          let html = "<div class=\"page-head\">" + badge(entry.type) + "<h1>" + esc(entry.name) + "</h1>" +
            (entry.type !== "macro" && entry.type !== "test" ? "<a class=\"button\" href=\"" + route("lineage", entry.id) + "\">Lineage</a>" : "") + "</div>";
          if (entry.tags && entry.tags.length) html += "<p>" + entry.tags.map(function (tag) { return chip(tag, "tag"); }).join(" ") + "</p>";
          html += section("Description", entry.description ? "<div class=\"prose\">" + renderMarkdown(entry.description) + "</div>" : emptyNote("No description."));
          if (entry.source && entry.source.source_description) {
            html += section("Source " + entry.source.source_name, "<div class=\"prose\">" + renderMarkdown(entry.source.source_description) + "</div>");
          }
          html += section("Details", "<table class=\"details\">" + detailRows(entry).join("") + "</table>");
          if (entry.semantic) html += semanticHTML(entry);
          if (entry.type !== "macro" && entry.type !== "test" && entry.type !== "exposure" && !SEMANTIC_TYPES[entry.type]) {
            html += section("Columns", columnsTable(entry));
          }
          if (tests.length) {
            html += section("Tests", "<ul class=\"relations\">" + tests.map(function (test) {
              return "<li>" + testBadge(test) + " " + nodeLink(test) + (test.test && test.test.column ? " <span class=\"muted\">on " + esc(test.test.column) + "</span>" : "") + "</li>";
            }).join("") + "</ul>");
          }
          if (entry.type !== "macro") {
            html += "<div class=\"split\">" + section("Depends on", relationList(parents, "Nothing upstream.")) +
              section("Referenced by", relationList(children, "Nothing downstream.")) + "</div>";
          }
          if (entry.type !== "macro" && entry.type !== "test" && (parents.length || children.length)) {
            html += section("Lineage", "<div class=\"lineage-mini\" id=\"mini-lineage\"></div>");
          }
          const macros = entriesAt(entry.macros).filter(function (macro) { return !isBuiltin(macro); });
          if (macros.length) html += section("Macros used", relationList(macros, ""));
          if (entry.meta) html += section("Meta", "<pre class=\"code\"><code>" + esc(JSON.stringify(entry.meta, null, 2)) + "</code></pre>");
          html += "<div id=\"node-details\">" + section("Code", emptyNote("Loading…")) + "</div>";
          main.innerHTML = html;
          const mini = $("#mini-lineage", main);
          if (mini) renderLineage(mini, entry, { up: 1, down: 1, tests: false, compact: true });
          const token = state.token;
          loadDetails(entry).then(function (details) {
            if (token !== renderToken) return;
            const target = $("#node-details", main);
            if (target) {
              target.innerHTML = detailsHTML(entry, details);
              wireCodeBlocks(target);
            }
          }, function (error) {
            const target = $("#node-details", main);
            if (target && token === renderToken) target.innerHTML = section("Code", emptyNote(error.message));
          });
        }

        // A semantic model's entities, dimensions and measures; a metric's definition; a saved
        // query's parameters and exports.
        function semanticHTML(entry) {
          const semantic = entry.semantic;
          function rowsTable(title, headings, rows) {
            if (!rows || !rows.length) return "";
            return section(title, table(headings, rows.map(function (row) {
              return "<tr><td><code>" + esc(row[0]) + "</code></td><td>" + esc(row[1] || "") + "</td><td>" +
                (row[2] ? "<code>" + esc(row[2]) + "</code>" : "") + "</td><td class=\"prose\">" +
                renderMarkdown(row[3] || "", { tight: true }) + "</td></tr>";
            }), "grid"));
          }
          function codeList(items) {
            return (items || []).map(function (item) { return "<code>" + esc(item) + "</code>"; }).join("<br>");
          }
          let html = "";
          if (entry.type === "semantic_model") {
            html += rowsTable("Entities", ["Entity", "Type", "Expression", "Description"], semantic.entities);
            html += rowsTable("Dimensions", ["Dimension", "Type", "Granularity · expression", "Description"], semantic.dimensions);
            html += rowsTable("Measures", ["Measure", "Aggregation", "Expression", "Description"], semantic.measures);
          } else if (entry.type === "metric" && semantic.definition) {
            html += section("Definition", "<table class=\"details\">" + semantic.definition.map(function (row) {
              return "<tr><th>" + esc(row[0]) + "</th><td><code>" + esc(row[1]) + "</code></td></tr>";
            }).join("") + "</table>");
          } else if (entry.type === "saved_query") {
            const rows = [];
            [["Metrics", semantic.metrics], ["Group by", semantic.group_by], ["Where", semantic.where], ["Order by", semantic.order_by]]
              .forEach(function (pair) { if (pair[1] && pair[1].length) rows.push("<tr><th>" + pair[0] + "</th><td>" + codeList(pair[1]) + "</td></tr>"); });
            if (semantic.limit !== undefined) rows.push("<tr><th>Limit</th><td>" + esc(semantic.limit) + "</td></tr>");
            if (rows.length) html += section("Query", "<table class=\"details\">" + rows.join("") + "</table>");
            if (semantic.exports) {
              html += section("Exports", table(["Export", "As", "Schema", "Alias"], semantic.exports.map(function (row) {
                return "<tr>" + row.map(function (cell) { return "<td><code>" + esc(cell) + "</code></td>"; }).join("") + "</tr>";
              }), "grid"));
            }
          }
          return html;
        }

        function detailsHTML(entry, details) {
          let html = "";
          if (entry.type === "macro" && details.arguments && details.arguments.length) {
            html += section("Arguments", table(["Name", "Type", "Description"], details.arguments.map(function (argument) {
              return "<tr><td><code>" + esc(argument.name) + "</code></td><td>" + esc(argument.type || "") + "</td><td class=\"prose\">" +
                renderMarkdown(argument.description || "", { tight: true }) + "</td></tr>";
            }), "grid"));
          }
          if (entry.type !== "seed" && entry.type !== "source" && entry.type !== "exposure" && !SEMANTIC_TYPES[entry.type]) {
            html += section("Code", codeBlock([
              { label: "Compiled", code: details.compiled },
              { label: entry.type === "macro" ? "Macro" : "Source", code: details.raw }
            ]));
          }
          if (details.freshness) html += section("Freshness", "<pre class=\"code\"><code>" + esc(JSON.stringify(details.freshness, null, 2)) + "</code></pre>");
          if (details.config) html += section("Config", "<pre class=\"code\"><code>" + esc(JSON.stringify(details.config, null, 2)) + "</code></pre>");
          return html;
        }
        """#
}

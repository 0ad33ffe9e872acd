extension SiteScript {
    /// The last run: totals, failures, slowest nodes, a timeline by thread.
    static let run = #"""
        // The last run from run_results.json: totals, failures, the slowest nodes and a timeline of
        // what each thread ran when.
        function runLabel(result) {
          const entry = result.entry !== undefined ? entryAt(result.entry) : null;
          return entry ? entry.name : (result.id || "?").split(".").pop();
        }
        function runLink(result) {
          const entry = result.entry !== undefined ? entryAt(result.entry) : null;
          return entry ? nodeLink(entry) : esc(result.id || "");
        }
        function statusChip(status) { return "<span class=\"status status-" + statusClass(status) + "\">" + esc(status) + "</span>"; }

        function timelineSVG(results) {
          const timed = results.filter(function (result) { return result.start !== undefined; });
          if (!timed.length) return emptyNote("The run results carry no timings.");
          const threads = Array.from(new Set(timed.map(function (result) { return result.thread || "main"; }))).sort(function (a, b) {
            return a.localeCompare(b, undefined, { numeric: true });
          });
          const end = Math.max.apply(null, timed.map(function (result) { return result.start + result.duration; }).concat([1]));
          const width = 1000, label = 110, row = 26, top = 24;
          const plot = width - label - 10;
          const x = function (ms) { return label + plot * ms / end; };
          let svg = "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + (top + threads.length * row + 6) +
            "\" role=\"img\" aria-label=\"Timeline by thread\">";
          const step = niceStep(end / 8);
          for (let t = 0; t <= end; t += step) {
            svg += "<line class=\"tick\" x1=\"" + x(t) + "\" x2=\"" + x(t) + "\" y1=\"" + (top - 6) + "\" y2=\"" + (top + threads.length * row) + "\"/>" +
              "<text class=\"tick-label\" x=\"" + x(t) + "\" y=\"" + (top - 10) + "\">" + esc(formatDuration(t)) + "</text>";
          }
          threads.forEach(function (thread, i) {
            svg += "<text class=\"thread-label\" x=\"0\" y=\"" + (top + i * row + row / 2 + 4) + "\">" + esc(truncateLabel(thread, 16)) + "</text>";
          });
          timed.forEach(function (result) {
            const y = top + threads.indexOf(result.thread || "main") * row + 3;
            const barWidth = Math.max(1.5, x(result.start + result.duration) - x(result.start));
            const entry = result.entry !== undefined ? entryAt(result.entry) : null;
            svg += "<a href=\"" + (entry ? nodeHref(entry) : "#/run") + "\"><rect class=\"bar bar-" + statusClass(result.status) + "\" x=\"" +
              x(result.start) + "\" y=\"" + y + "\" width=\"" + barWidth + "\" height=\"" + (row - 6) + "\" rx=\"2\"><title>" +
              esc(runLabel(result) + " · " + result.status + " · " + formatDuration(result.duration)) + "</title></rect></a>";
          });
          return svg + "</svg>";
        }

        function niceStep(raw) {
          const power = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 0.001))));
          const scaled = raw / power;
          return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
        }

        function renderRun(main, state) {
          if (!RUN) {
            main.innerHTML = "<h1>Last run</h1>" + emptyNote("No run_results.json was found when the docs were generated. " +
              "Run `weir build`, then `weir docs generate`, to see the last run here.");
            return;
          }
          const results = RUN.results || [];
          const counts = {};
          results.forEach(function (result) { counts[result.status] = (counts[result.status] || 0) + 1; });
          const facts = [
            RUN.command ? "<code>weir " + esc(RUN.command) + "</code>" : "",
            RUN.target ? "target " + esc(RUN.target) : "",
            RUN.threads ? plural(RUN.threads, "thread") : "",
            RUN.generated_at ? "finished " + esc(formatDate(RUN.generated_at)) : "",
            RUN.elapsed !== undefined && RUN.elapsed !== null ? "took " + esc(formatDuration(RUN.elapsed * 1000)) : ""
          ].filter(Boolean).join(" · ");
          let html = "<h1>Last run</h1><p>" + facts + "</p><p>" + Object.keys(counts).sort().map(function (status) {
            return statusChip(status) + " " + counts[status];
          }).join(" &nbsp; ") + "</p>";
          html += section("Timeline by thread", "<div class=\"timeline-box\">" + timelineSVG(results) + "</div>");
          const failures = results.filter(function (result) { return statusClass(result.status) !== "ok"; });
          if (failures.length) {
            html += section("Not successful (" + failures.length + ")", table(["Node", "Status", "Message"], failures.slice(0, 200).map(function (result) {
              return "<tr><td>" + runLink(result) + "</td><td>" + statusChip(result.status) + "</td><td class=\"message\">" + esc(result.message || "") + "</td></tr>";
            }), "grid"));
          }
          const slowest = results.slice().sort(function (a, b) { return b.duration - a.duration; }).slice(0, 15);
          const longest = slowest.length ? slowest[0].duration || 1 : 1;
          html += section("Slowest", table(["Node", "Duration", ""], slowest.map(function (result) {
            return "<tr><td>" + runLink(result) + "</td><td class=\"num\">" + esc(formatDuration(result.duration)) +
              "</td><td class=\"barcell\"><span class=\"hbar\" style=\"width:" + Math.max(1, 100 * result.duration / longest) + "%\"></span></td></tr>";
          }), "grid"));
          const filter = state.params.get("status") || "";
          const shown = results.filter(function (result) { return !filter || result.status === filter; });
          const options = ["<option value=\"\">all statuses</option>"].concat(Object.keys(counts).sort().map(function (status) {
            return "<option" + (status === filter ? " selected" : "") + ">" + esc(status) + "</option>";
          })).join("");
          html += section("All nodes (" + shown.length + ")", "<p><select id=\"run-filter\">" + options + "</select></p>" +
            table(["Node", "Status", "Duration", "Thread"], shown.slice(0, 1000).map(function (result) {
              return "<tr><td>" + runLink(result) + "</td><td>" + statusChip(result.status) + "</td><td class=\"num\">" +
                esc(formatDuration(result.duration)) + "</td><td>" + esc(result.thread || "") + "</td></tr>";
            }), "grid") + (shown.length > 1000 ? emptyNote("Showing the first 1000.") : ""));
          main.innerHTML = html;
          $("#run-filter", main).addEventListener("change", function (event) {
            location.hash = route("run", "", event.target.value ? "status=" + encodeURIComponent(event.target.value) : "");
          });
        }
        """#
}

extension SiteScript {
    /// SQL highlighting and the tabbed code block.
    static let sql = #"""
        // SQL with simple highlighting: keywords, strings, quoted names, numbers, comments and Jinja.
        const SQL_KEYWORDS = new Set((
          "select from where and or not in is null as on join left right inner outer full cross group by order " +
          "having limit offset union all distinct case when then else end with insert into values update set " +
          "delete create table view replace drop alter if exists cast between like ilike over partition window " +
          "rows range preceding following unbounded current row asc desc nulls first last true false interval " +
          "using lateral natural except intersect returning primary key references default filter within " +
          "qualify recursive materialized temporary temp unique index begin commit rollback transaction " +
          "truncate merge matched grant to schema database column add rename coalesce count sum avg min max"
        ).split(" "));

        const SQL_TOKEN = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\})|(--[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|('(?:[^']|'')*'?)|("(?:[^"]|"")*"?|`[^`]*`?)|(\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)|([A-Za-z_][A-Za-z0-9_$]*)/g;

        function highlightSQL(sql) {
          const text = String(sql || "");
          let out = "";
          let last = 0;
          let match;
          SQL_TOKEN.lastIndex = 0;
          while ((match = SQL_TOKEN.exec(text))) {
            out += esc(text.slice(last, match.index));
            const token = match[0];
            let kind = null;
            if (match[1]) kind = "jinja";
            else if (match[2]) kind = "comment";
            else if (match[3]) kind = "string";
            else if (match[4]) kind = "ident";
            else if (match[5]) kind = "number";
            else if (SQL_KEYWORDS.has(token.toLowerCase())) kind = "keyword";
            out += kind ? "<span class=\"tok-" + kind + "\">" + esc(token) + "</span>" : esc(token);
            last = SQL_TOKEN.lastIndex;
          }
          return out + esc(text.slice(last));
        }

        // A code block with tabs (compiled, source) and a copy button.
        function codeBlock(tabs) {
          const available = tabs.filter(function (tab) { return tab.code; });
          if (!available.length) return emptyNote("No code.");
          const buttons = available.map(function (tab, i) {
            return "<button type=\"button\" class=\"tab" + (i === 0 ? " active" : "") + "\" data-tab=\"" + i + "\">" + esc(tab.label) + "</button>";
          }).join("");
          const panes = available.map(function (tab, i) {
            return "<pre class=\"code\" data-pane=\"" + i + "\"" + (i === 0 ? "" : " hidden") + "><code>" + highlightSQL(tab.code) + "</code></pre>";
          }).join("");
          return "<div class=\"codebox\"><div class=\"tabs\">" + buttons +
            "<button type=\"button\" class=\"copy\">Copy</button></div>" + panes + "</div>";
        }

        function wireCodeBlocks(root) {
          $all(".codebox", root).forEach(function (box) {
            box.addEventListener("click", function (event) {
              const button = event.target.closest("button");
              if (!button) return;
              if (button.classList.contains("copy")) {
                const pane = $all("pre", box).filter(function (pre) { return !pre.hidden; })[0];
                if (pane && navigator.clipboard) {
                  navigator.clipboard.writeText(pane.textContent).then(function () {
                    button.textContent = "Copied";
                    setTimeout(function () { button.textContent = "Copy"; }, 1200);
                  }, function () { button.textContent = "Select and copy"; });
                }
                return;
              }
              const tab = button.getAttribute("data-tab");
              $all(".tab", box).forEach(function (other) { other.classList.toggle("active", other === button); });
              $all("pre", box).forEach(function (pre) { pre.hidden = pre.getAttribute("data-pane") !== tab; });
            });
          });
        }
        """#
}

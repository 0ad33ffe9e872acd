extension SiteScript {
    /// Descriptions as Markdown: a small renderer that escapes everything and keeps only safe links.
    static let markdown = #"""
        // A small Markdown renderer for descriptions: paragraphs, headers, lists, block quotes, rules,
        // fenced code, inline code, links and emphasis. Everything is escaped first; only http(s),
        // mailto and relative links are kept.
        function renderMarkdown(text, options) {
          if (!text) return "";
          const settings = options || {};
          const shift = settings.headingShift === undefined ? 2 : settings.headingShift;
          const lines = String(text).replace(/\u0000/g, "").replace(/\r\n?/g, "\n").split("\n");
          return renderBlocks(lines, shift, settings.tight);
        }

        const MD_FENCE = /^\s{0,3}(```+|~~~+)\s*([\w+-]*)/;
        const MD_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
        const MD_RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
        const MD_QUOTE = /^\s{0,3}>\s?/;
        const MD_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;

        function isBlank(line) { return /^\s*$/.test(line); }
        function startsBlock(line) {
          return MD_FENCE.test(line) || MD_HEADING.test(line) || MD_RULE.test(line) || MD_QUOTE.test(line) || MD_ITEM.test(line);
        }
        function indentOf(line) { return line.match(/^\s*/)[0].replace(/\t/g, "    ").length; }

        function renderBlocks(lines, shift, tight) {
          let html = "";
          let i = 0;
          while (i < lines.length) {
            const line = lines[i];
            let match;
            if (isBlank(line)) { i++; continue; }
            if ((match = MD_FENCE.exec(line))) {
              const fence = match[1];
              const body = [];
              i++;
              while (i < lines.length && lines[i].trim().indexOf(fence) !== 0) { body.push(lines[i]); i++; }
              i++;
              const code = body.join("\n");
              html += "<pre class=\"code\"><code>" + (/^(sql|jinja)$/i.test(match[2]) ? highlightSQL(code) : esc(code)) + "</code></pre>";
              continue;
            }
            if ((match = MD_HEADING.exec(line))) {
              const level = Math.min(6, match[1].length + shift);
              html += "<h" + level + ">" + renderInline(match[2]) + "</h" + level + ">";
              i++;
              continue;
            }
            if (MD_RULE.test(line)) { html += "<hr>"; i++; continue; }
            if (MD_QUOTE.test(line)) {
              const quoted = [];
              while (i < lines.length && !isBlank(lines[i]) && (MD_QUOTE.test(lines[i]) || !startsBlock(lines[i]))) {
                quoted.push(lines[i].replace(MD_QUOTE, ""));
                i++;
              }
              html += "<blockquote>" + renderBlocks(quoted, shift, false) + "</blockquote>";
              continue;
            }
            if ((match = MD_ITEM.exec(line))) {
              const result = renderList(lines, i, shift);
              html += result.html;
              i = result.next;
              continue;
            }
            const paragraph = [line.trim()];
            i++;
            while (i < lines.length && !isBlank(lines[i]) && !startsBlock(lines[i])) { paragraph.push(lines[i].trim()); i++; }
            const inline = renderInline(paragraph.join("\n"));
            html += tight ? inline : "<p>" + inline + "</p>";
          }
          return html;
        }

        // A list and its items; lines indented past the marker belong to the item (nested lists too).
        function renderList(lines, start, shift) {
          const first = MD_ITEM.exec(lines[start]);
          const base = indentOf(first[1]);
          const ordered = /\d/.test(first[2]);
          const items = [];
          let i = start;
          let loose = false;
          while (i < lines.length) {
            const match = MD_ITEM.exec(lines[i]);
            if (!match || indentOf(match[1]) !== base || /\d/.test(match[2]) !== ordered) break;
            const body = [match[3]];
            i++;
            while (i < lines.length) {
              if (isBlank(lines[i])) {
                const next = lines[i + 1];
                if (next !== undefined && !isBlank(next) && indentOf(next) > base) { body.push(""); i++; loose = true; continue; }
                break;
              }
              const nested = MD_ITEM.exec(lines[i]);
              if (nested && indentOf(nested[1]) <= base) break;
              if (!nested && indentOf(lines[i]) <= base && startsBlock(lines[i])) break;
              body.push(lines[i].replace(/^\s+/, function (space) { return space.length > base + 2 ? space.slice(base + 2) : ""; }));
              i++;
            }
            items.push(body);
            if (i < lines.length && isBlank(lines[i])) {
              const after = lines[i + 1];
              const nextItem = after !== undefined ? MD_ITEM.exec(after) : null;
              if (nextItem && indentOf(nextItem[1]) === base && /\d/.test(nextItem[2]) === ordered) { i++; loose = true; } else break;
            }
          }
          const tag = ordered ? "ol" : "ul";
          const startNumber = ordered ? parseInt(first[2], 10) : 1;
          const open = ordered && startNumber !== 1 ? "<ol start=\"" + startNumber + "\">" : "<" + tag + ">";
          const html = open + items.map(function (body) {
            return "<li>" + renderBlocks(body, shift, !loose) + "</li>";
          }).join("") + "</" + tag + ">";
          return { html: html, next: i };
        }

        function safeURL(url) {
          const plain = url.replace(/&amp;/g, "&");
          if (/^[a-z][a-z0-9+.-]*:/i.test(plain) && !/^(https?|mailto):/i.test(plain)) return null;
          return url;
        }

        // Code spans and links become placeholders first, so emphasis never reaches into them.
        function renderInline(text) {
          const held = [];
          function hold(html) { held.push(html); return "\u0000" + (held.length - 1) + "\u0000"; }
          let out = text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, function (_, ticks, code) {
            return hold("<code>" + esc(code.trim()) + "</code>");
          });
          out = esc(out);
          out = out.replace(/\[([^\]\u0000]+)\]\(\s*([^)\s]+)(?:\s+&quot;[^)]*?&quot;)?\s*\)/g, function (whole, label, url) {
            const target = safeURL(url);
            if (!target) return label;
            const external = /^(https?:)?\/\//i.test(target) ? " target=\"_blank\" rel=\"noopener noreferrer\"" : "";
            return hold("<a href=\"" + target + "\"" + external + ">" + emphasis(label) + "</a>");
          });
          out = out.replace(/&lt;((?:https?:\/\/|mailto:)[^\s&]+)&gt;/g, function (_, url) {
            return hold("<a href=\"" + url + "\" target=\"_blank\" rel=\"noopener noreferrer\">" + url + "</a>");
          });
          out = emphasis(out);
          out = out.replace(/ {2,}\n/g, "<br>");
          return out.replace(/\u0000(\d+)\u0000/g, function (_, n) { return held[Number(n)]; });
        }

        function emphasis(text) {
          return text
            .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>")
            .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, "$1<strong>$2</strong>")
            .replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, "<em>$1</em>")
            .replace(/\*(?=[^\s*])([^*])\*/g, "<em>$1</em>")
            .replace(/(^|[^\w])_(?=[^\s_])([^_]*?[^\s_]|[^\s_])_(?!\w)/g, "$1<em>$2</em>");
        }
        """#
}

extension SiteScript {
    /// The lineage of a node's neighbourhood as a layered SVG graph.
    static let lineage = #"""
        // Lineage: the selected node's neighbourhood only (never the whole graph), laid out in layers
        // (longest path, so every edge points right), ordered by the barycentre of neighbours, as SVG.
        const LINEAGE_LIMIT = 400;
        const NODE_WIDTH = 190;
        const NODE_HEIGHT = 34;
        const LAYER_GAP = 70;
        const ROW_GAP = 14;

        function lineageNeighbours(entry, direction, withTests) {
          return entriesAt(direction === "up" ? entry.parents : entry.children).filter(function (other) {
            return other.type !== "macro" && (withTests || other.type !== "test");
          });
        }

        // Breadth-first up and down to the given depths; stops at LINEAGE_LIMIT nodes.
        function lineageGraph(center, up, down, withTests) {
          const members = new Map([[center.index, center]]);
          let truncated = false;
          [["up", up], ["down", down]].forEach(function (pass) {
            let frontier = [center];
            for (let depth = 0; depth < pass[1] && frontier.length && !truncated; depth++) {
              const next = [];
              frontier.forEach(function (entry) {
                lineageNeighbours(entry, pass[0], withTests).forEach(function (other) {
                  if (members.has(other.index)) return;
                  if (members.size >= LINEAGE_LIMIT) { truncated = true; return; }
                  members.set(other.index, other);
                  next.push(other);
                });
              });
              frontier = next;
            }
          });
          const nodes = Array.from(members.values());
          const edges = [];
          nodes.forEach(function (node) {
            (node.parents || []).forEach(function (parent) { if (members.has(parent)) edges.push([parent, node.index]); });
          });
          return { nodes: nodes, edges: edges, truncated: truncated };
        }

        function lineageLayout(graph, center) {
          const parentsOf = new Map();
          const childrenOf = new Map();
          graph.nodes.forEach(function (node) { parentsOf.set(node.index, []); childrenOf.set(node.index, []); });
          graph.edges.forEach(function (edge) { parentsOf.get(edge[1]).push(edge[0]); childrenOf.get(edge[0]).push(edge[1]); });
          // Longest path from the sources of the subgraph (Kahn's order).
          const layer = new Map();
          const waiting = new Map();
          const queue = [];
          graph.nodes.forEach(function (node) {
            waiting.set(node.index, parentsOf.get(node.index).length);
            if (!parentsOf.get(node.index).length) { queue.push(node.index); layer.set(node.index, 0); }
          });
          for (let q = 0; q < queue.length; q++) {
            const index = queue[q];
            childrenOf.get(index).forEach(function (child) {
              layer.set(child, Math.max(layer.get(child) || 0, layer.get(index) + 1));
              waiting.set(child, waiting.get(child) - 1);
              if (waiting.get(child) === 0) queue.push(child);
            });
          }
          const layers = [];
          graph.nodes.forEach(function (node) {
            const number = layer.has(node.index) ? layer.get(node.index) : 0;
            (layers[number] = layers[number] || []).push(node.index);
          });
          for (let i = 0; i < layers.length; i++) layers[i] = layers[i] || [];
          // An edge that skips layers passes through a placeholder in each layer between, which
          // takes a row as a node does: drawn straight, it would run behind the nodes it passes.
          const placeholders = new Map();  // key ("<edge>:<layer>") -> the entry the edge leaves
          const routes = graph.edges.map(function (edge, edgeNumber) {
            const from = layer.get(edge[0]) || 0;
            const to = layer.get(edge[1]) || 0;
            if (to - from < 2) return [];
            const keys = [];
            let previous = edge[0];
            childrenOf.get(edge[0]).splice(childrenOf.get(edge[0]).indexOf(edge[1]), 1);
            parentsOf.get(edge[1]).splice(parentsOf.get(edge[1]).indexOf(edge[0]), 1);
            for (let l = from + 1; l < to; l++) {
              const key = edgeNumber + ":" + l;
              placeholders.set(key, edge[0]);
              layers[l].push(key);
              parentsOf.set(key, [previous]);
              childrenOf.set(key, []);
              childrenOf.get(previous).push(key);
              keys.push(key);
              previous = key;
            }
            childrenOf.get(previous).push(edge[1]);
            parentsOf.get(edge[1]).push(previous);
            return keys;
          });
          function nameOf(key) { return ENTRIES[placeholders.has(key) ? placeholders.get(key) : key].name; }
          layers.forEach(function (list) { list.sort(function (a, b) { return nameOf(a) < nameOf(b) ? -1 : 1; }); });
          // Barycentre sweeps: down using parents, then up using children.
          const position = new Map();
          function number() { layers.forEach(function (list) { list.forEach(function (index, i) { position.set(index, i); }); }); }
          function sweep(list, neighbours) {
            const keyed = list.map(function (index) {
              const around = neighbours.get(index).filter(function (other) { return position.has(other); });
              const key = around.length ? around.reduce(function (sum, other) { return sum + position.get(other); }, 0) / around.length : position.get(index);
              return [key, index];
            });
            keyed.sort(function (a, b) { return a[0] - b[0]; });
            keyed.forEach(function (pair, i) { list[i] = pair[1]; position.set(pair[1], i); });
          }
          number();
          for (let round = 0; round < 4; round++) {
            for (let i = 1; i < layers.length; i++) sweep(layers[i], parentsOf);
            for (let i = layers.length - 2; i >= 0; i--) sweep(layers[i], childrenOf);
          }
          const tallest = Math.max.apply(null, layers.map(function (list) { return list.length; }).concat([1]));
          const height = tallest * (NODE_HEIGHT + ROW_GAP) + ROW_GAP;
          const coordinates = new Map();
          layers.forEach(function (list, column) {
            const top = (height - list.length * (NODE_HEIGHT + ROW_GAP) + ROW_GAP) / 2;
            list.forEach(function (index, row) {
              coordinates.set(index, { x: 20 + column * (NODE_WIDTH + LAYER_GAP), y: top + row * (NODE_HEIGHT + ROW_GAP) });
            });
          });
          const slots = new Map();
          placeholders.forEach(function (_, key) { slots.set(key, coordinates.get(key)); coordinates.delete(key); });
          return {
            coordinates: coordinates, routes: routes.map(function (keys) { return keys.map(function (key) { return slots.get(key); }); }),
            width: 40 + layers.length * (NODE_WIDTH + LAYER_GAP) - LAYER_GAP, height: height, center: center.index
          };
        }

        function truncateLabel(text, size) { return text.length > size ? text.slice(0, size - 1) + "…" : text; }

        function lineageSVG(graph, layout, options) {
          const scale = options.scale || 1;
          let svg = "<svg class=\"lineage-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Math.round(layout.width * scale) + "\" height=\"" +
            Math.round(layout.height * scale) + "\" viewBox=\"0 0 " + layout.width + " " + layout.height + "\" role=\"img\" aria-label=\"Lineage\">" +
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">" +
            "<path d=\"M0,0 L10,5 L0,10 z\" class=\"edge-head\"/></marker></defs><g class=\"edges\">";
          graph.edges.forEach(function (edge, edgeNumber) {
            const from = layout.coordinates.get(edge[0]);
            const to = layout.coordinates.get(edge[1]);
            let x = from.x + NODE_WIDTH, y = from.y + NODE_HEIGHT / 2;
            let path = "M" + x + "," + y;
            function curveTo(x2, y2) {
              const bend = Math.max(30, (x2 - x) / 2);
              path += " C" + (x + bend) + "," + y + " " + (x2 - bend) + "," + y2 + " " + x2 + "," + y2;
              x = x2;
              y = y2;
            }
            // Through the placeholders of the layers it skips, straight across each.
            (layout.routes[edgeNumber] || []).forEach(function (slot) {
              curveTo(slot.x, slot.y + NODE_HEIGHT / 2);
              x = slot.x + NODE_WIDTH;
              path += " L" + x + "," + y;
            });
            curveTo(to.x, to.y + NODE_HEIGHT / 2);
            const near = edge[0] === layout.center || edge[1] === layout.center;
            svg += "<path class=\"edge" + (near ? " edge-near" : "") + "\" d=\"" + path + "\" marker-end=\"url(#arrow)\"/>";
          });
          svg += "</g><g class=\"nodes\">";
          graph.nodes.forEach(function (node) {
            const point = layout.coordinates.get(node.index);
            const run = RUN_BY_ENTRY.get(node.index);
            svg += "<g class=\"lnode lnode-" + esc(node.type) + (node.index === layout.center ? " lnode-center" : "") +
              (run ? " run-" + statusClass(run.status) : "") + "\" data-index=\"" + node.index + "\" transform=\"translate(" + point.x + "," + point.y + ")\" tabindex=\"0\">" +
              "<title>" + esc(node.type + " " + node.name + (node.description ? "\n" + firstSentence(node.description) : "")) + "</title>" +
              "<rect width=\"" + NODE_WIDTH + "\" height=\"" + NODE_HEIGHT + "\" rx=\"6\"/>" +
              "<rect class=\"lnode-kind\" width=\"6\" height=\"" + NODE_HEIGHT + "\" rx=\"3\"/>" +
              "<text x=\"14\" y=\"" + (NODE_HEIGHT / 2 + 4) + "\">" + esc(truncateLabel(node.name, 26)) + "</text></g>";
          });
          return svg + "</g></svg>";
        }

        // Draws the neighbourhood into a container; a click on a node calls options.onSelect (default:
        // open its page).
        function renderLineage(container, center, options) {
          const graph = lineageGraph(center, options.up, options.down, options.tests);
          const layout = lineageLayout(graph, center);
          container.innerHTML = lineageSVG(graph, layout, options) +
            (graph.truncated ? "<p class=\"muted\">Showing the first " + LINEAGE_LIMIT + " nodes; lower the depth to see a complete neighbourhood.</p>" : "");
          // Bring the selected node into view when the graph is wider or taller than its box.
          const focus = layout.coordinates.get(center.index);
          const scale = options.scale || 1;
          container.scrollLeft = Math.max(0, (focus.x + NODE_WIDTH / 2) * scale - container.clientWidth / 2);
          container.scrollTop = Math.max(0, (focus.y + NODE_HEIGHT / 2) * scale - container.clientHeight / 2);
          const select = options.onSelect || function (entry) { location.hash = nodeHref(entry); };
          $all(".lnode", container).forEach(function (element) {
            const entry = ENTRIES[Number(element.getAttribute("data-index"))];
            element.addEventListener("click", function () { select(entry); });
            element.addEventListener("keydown", function (event) { if (event.key === "Enter") select(entry); });
          });
          return graph;
        }

        // `2+name+1`, `+name`, `name+`, `name`: dbt's graph operators around one node.
        function parseLineageSelector(text) {
          const match = /^\s*(\d*)(\+?)\s*([^+\s]+?)\s*(\+?)(\d*)\s*$/.exec(text || "");
          if (!match) return null;
          const entry = findEntry(match[3]);
          if (!entry) return null;
          function depth(plus, digits) { return plus ? (digits ? Number(digits) : 99) : 0; }
          return { entry: entry, up: depth(match[2], match[1]), down: depth(match[4], match[5]) };
        }

        function findEntry(name) {
          if (BY_ID.has(name)) return BY_ID.get(name);
          const bare = name.replace(/^source:/, "");
          let best = null;
          ENTRIES.forEach(function (entry) {
            if (entry.type === "macro" || entry.type === "test") return;
            if (entry.name === bare && (!best || typeRank(entry) < typeRank(best))) best = entry;
          });
          return best;
        }

        function renderLineagePage(main, state) {
          let center = state.arg ? BY_ID.get(state.arg) : null;
          if (!center) center = ENTRIES.filter(function (entry) { return entry.type === "model" && isRoot(entry) && !entry.hidden; })[0] || null;
          if (!center) { main.innerHTML = "<h1>Lineage</h1>" + emptyNote("No models to show."); return; }
          const up = Math.min(99, Math.max(0, Number(state.params.get("up") || 2)));
          const down = Math.min(99, Math.max(0, Number(state.params.get("down") || 2)));
          const withTests = state.params.get("tests") === "1";
          const scale = Math.min(2, Math.max(0.3, Number(state.params.get("zoom") || 1)));
          function go(entry, changes) {
            const next = Object.assign({ up: up, down: down, tests: withTests ? "1" : "0", zoom: scale }, changes || {});
            location.hash = route("lineage", entry.id, "up=" + next.up + "&down=" + next.down + "&tests=" + next.tests + "&zoom=" + next.zoom);
          }
          const depthOptions = function (value) {
            return [0, 1, 2, 3, 4, 5, 8, 99].map(function (n) {
              return "<option value=\"" + n + "\"" + (n === value ? " selected" : "") + ">" + (n === 99 ? "all" : n) + "</option>";
            }).join("");
          };
          main.innerHTML = "<div class=\"page-head\">" + badge(center.type) + "<h1>Lineage of " + esc(center.name) + "</h1>" +
            "<a class=\"button\" href=\"" + nodeHref(center) + "\">Open page</a></div>" +
            "<form class=\"lineage-controls\" id=\"lineage-form\">" +
            "<label>Select <input id=\"lineage-selector\" type=\"text\" spellcheck=\"false\" value=\"" +
            esc((up ? (up === 99 ? "" : up) + "+" : "") + center.name + (down ? "+" + (down === 99 ? "" : down) : "")) + "\"></label>" +
            "<label>Upstream <select id=\"lineage-up\">" + depthOptions(up) + "</select></label>" +
            "<label>Downstream <select id=\"lineage-down\">" + depthOptions(down) + "</select></label>" +
            "<label><input id=\"lineage-tests\" type=\"checkbox\"" + (withTests ? " checked" : "") + "> tests</label>" +
            "<span class=\"zoom\"><button type=\"button\" data-zoom=\"0.8\">−</button><button type=\"button\" data-zoom=\"1.25\">+</button></span>" +
            "<span id=\"lineage-message\" class=\"muted\"></span></form>" +
            "<div class=\"lineage\" id=\"lineage\"></div>" +
            "<p class=\"muted\">Click a node to centre the lineage on it. Colours: " +
            ["model", "source", "seed", "snapshot", "exposure", "semantic_model", "metric", "analysis"].map(badge).join(" ") + "</p>";
          const graph = renderLineage($("#lineage", main), center, {
            up: up, down: down, tests: withTests, scale: scale,
            onSelect: function (entry) { if (entry.index !== center.index) go(entry); else location.hash = nodeHref(entry); }
          });
          $("#lineage-message", main).textContent = plural(graph.nodes.length, "node") + ", " + plural(graph.edges.length, "edge");
          $("#lineage-form", main).addEventListener("submit", function (event) {
            event.preventDefault();
            const parsed = parseLineageSelector($("#lineage-selector", main).value);
            if (!parsed) { $("#lineage-message", main).textContent = "No node matches that selector."; return; }
            go(parsed.entry, { up: parsed.up, down: parsed.down });
          });
          $("#lineage-up", main).addEventListener("change", function (event) { go(center, { up: event.target.value }); });
          $("#lineage-down", main).addEventListener("change", function (event) { go(center, { down: event.target.value }); });
          $("#lineage-tests", main).addEventListener("change", function (event) { go(center, { tests: event.target.checked ? "1" : "0" }); });
          $all("[data-zoom]", main).forEach(function (button) {
            button.addEventListener("click", function () {
              go(center, { zoom: Math.round(Math.min(2, Math.max(0.3, scale * Number(button.getAttribute("data-zoom")))) * 100) / 100 });
            });
          });
        }
        """#
}

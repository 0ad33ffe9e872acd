/// `weir-docs.css`: the site's one stylesheet (light and dark by the system's preference).
enum SiteStylesheet {
    static let css = #"""
        :root {
          --bg: #f7f7f5; --panel: #ffffff; --text: #1f2328; --muted: #656d76; --line: #d8dee4; --accent: #0b6bcb;
          --code-bg: #f3f4f6; --hover: #eef3f9; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --other: #6e7781;
          --model: #0b6bcb; --source: #1a7f37; --seed: #8250df; --snapshot: #bc4c00; --exposure: #bf3989;
          --analysis: #57606a; --test: #6e7781; --macro: #953800; --semantic: #1b7c83; --metric: #6639ba;
          --kw: #cf222e; --str: #0a3069; --num: #0550ae; --comment: #6e7781; --jinja: #8250df; --ident: #953800;
          --sidebar: 290px; --top: 52px;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #0d1117; --panel: #161b22; --text: #e6edf3; --muted: #8d96a0; --line: #30363d; --accent: #4493f8;
            --code-bg: #1f242c; --hover: #1c2533; --ok: #3fb950; --warn: #d29922; --bad: #f85149; --other: #8d96a0;
            --model: #4493f8; --source: #3fb950; --seed: #a371f7; --snapshot: #f0883e; --exposure: #db61a2;
            --analysis: #8d96a0; --test: #8d96a0; --macro: #f0883e; --semantic: #39c5cf; --metric: #bc8cff;
            --kw: #ff7b72; --str: #a5d6ff; --num: #79c0ff; --comment: #8d96a0; --jinja: #d2a8ff; --ident: #ffa657;
          }
        }
        * { box-sizing: border-box; }
        html, body { margin: 0; background: var(--bg); color: var(--text); }
        body { font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        code, pre, kbd { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
        code { background: var(--code-bg); padding: 1px 4px; border-radius: 4px; }
        kbd { border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }
        h1 { font-size: 24px; margin: 0 0 8px; word-break: break-word; }
        h2 { font-size: 15px; margin: 0 0 10px; }
        .muted { color: var(--muted); }

        .topbar {
          position: fixed; top: 0; left: 0; right: 0; height: var(--top); z-index: 10; display: flex; align-items: center; gap: 16px;
          padding: 0 16px; background: var(--panel); border-bottom: 1px solid var(--line);
        }
        .brand { font-weight: 600; font-size: 16px; color: var(--text); white-space: nowrap; }
        .icon-button { display: none; background: none; border: 1px solid var(--line); border-radius: 6px; color: var(--text); font-size: 16px; padding: 2px 8px; cursor: pointer; }
        .search { position: relative; flex: 1; max-width: 560px; }
        .search input {
          width: 100%; padding: 7px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--text); font-size: 14px;
        }
        .search input:focus { outline: 2px solid var(--accent); outline-offset: -1px; }
        .search-results {
          position: absolute; top: 38px; left: 0; right: 0; max-height: 70vh; overflow: auto; background: var(--panel);
          border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.15);
        }
        .topnav { display: flex; gap: 4px; margin-left: auto; }
        .topnav a { padding: 6px 10px; border-radius: 6px; color: var(--text); }
        .topnav a.active, .topnav a:hover { background: var(--hover); text-decoration: none; }

        .hit { display: flex; align-items: baseline; gap: 8px; padding: 7px 10px; color: var(--text); border-bottom: 1px solid var(--line); }
        .hit:hover, .hit.active { background: var(--hover); text-decoration: none; }
        .hit.all, .hit.none { color: var(--muted); justify-content: center; }
        .hit-name { font-weight: 600; white-space: nowrap; }
        .hit-context { color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .hits { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }

        .layout { display: flex; padding-top: var(--top); min-height: 100vh; }
        .sidebar {
          position: fixed; top: var(--top); bottom: 0; left: 0; width: var(--sidebar); overflow: auto; padding: 10px 6px 40px;
          background: var(--panel); border-right: 1px solid var(--line);
        }
        .main { margin-left: var(--sidebar); padding: 24px 32px 60px; flex: 1; min-width: 0; max-width: 1280px; outline: none; }

        .tree { font-size: 13px; }
        .tree details > summary { cursor: pointer; padding: 2px 6px; border-radius: 4px; list-style: none; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .tree details > summary::before { content: "▸"; display: inline-block; width: 14px; color: var(--muted); }
        .tree details[open] > summary::before { content: "▾"; }
        .tree details > summary:hover { background: var(--hover); }
        .tree > details > summary { font-weight: 600; }
        .tree-children { padding-left: 12px; }
        .tree-item { display: block; padding: 2px 6px 2px 20px; color: var(--text); border-radius: 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .tree-item:hover { background: var(--hover); text-decoration: none; }
        .tree-item.active { background: var(--accent); color: #fff; }
        .count { color: var(--muted); font-weight: normal; font-size: 11px; }

        .page-head { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-bottom: 6px; }
        .page-head h1 { margin: 0; }
        .button { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; background: var(--panel); color: var(--text); }
        .button:hover { background: var(--hover); text-decoration: none; }
        .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 14px 0; overflow-x: auto; }
        .split { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
        .split > .panel { margin: 0; }
        .prose p { margin: 0 0 8px; }
        .prose p:last-child { margin-bottom: 0; }
        .prose h3, .prose h4, .prose h5, .prose h6 { margin: 12px 0 6px; }
        .prose blockquote { margin: 0 0 8px; padding-left: 12px; border-left: 3px solid var(--line); color: var(--muted); }
        .prose pre.code { margin: 8px 0; }

        .badge {
          display: inline-block; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; padding: 1px 6px;
          border-radius: 4px; color: #fff; background: var(--other); white-space: nowrap;
        }
        .badge-model { background: var(--model); } .badge-source { background: var(--source); } .badge-seed { background: var(--seed); }
        .badge-snapshot { background: var(--snapshot); } .badge-exposure { background: var(--exposure); } .badge-analysis { background: var(--analysis); }
        .badge-test { background: var(--test); } .badge-macro { background: var(--macro); }
        .badge-semantic_model { background: var(--semantic); } .badge-metric, .badge-saved_query { background: var(--metric); }
        .chip { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 8px; font-size: 12px; color: var(--muted); }
        .chip.warn { color: var(--warn); border-color: var(--warn); }
        .chip.tag { color: var(--text); }
        .status { font-weight: 600; }
        .status-ok { color: var(--ok); } .status-bad { color: var(--bad); } .status-warn { color: var(--warn); } .status-other { color: var(--other); }
        .message { white-space: pre-wrap; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; color: var(--bad); }

        table { border-collapse: collapse; width: 100%; }
        table.grid th, table.grid td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        table.grid th { font-size: 12px; color: var(--muted); font-weight: 600; }
        table.details th { text-align: left; width: 180px; color: var(--muted); font-weight: 500; padding: 4px 8px 4px 0; vertical-align: top; }
        table.details td { padding: 4px 0; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.type { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; color: var(--muted); white-space: nowrap; }
        td.tests { white-space: nowrap; }
        .test-badge {
          display: inline-block; min-width: 20px; text-align: center; font-size: 11px; font-weight: 700; margin-right: 3px; padding: 0 4px;
          border-radius: 4px; border: 1px solid var(--line); color: var(--text);
        }
        .test-badge:hover { text-decoration: none; background: var(--hover); }
        .test-ok { border-color: var(--ok); color: var(--ok); } .test-bad { border-color: var(--bad); color: var(--bad); }
        .test-warn { border-color: var(--warn); color: var(--warn); }
        ul.relations { list-style: none; padding: 0; margin: 0; }
        ul.relations li { padding: 2px 0; }
        ul.columns-list { columns: 3 220px; padding-left: 18px; margin: 0; }

        .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 110px; }
        .card-number { font-size: 22px; font-weight: 600; }
        .card-label { color: var(--muted); font-size: 12px; }
        .meter { display: inline-block; width: 70px; height: 8px; border-radius: 4px; background: var(--code-bg); vertical-align: middle; overflow: hidden; }
        .meter > span { display: block; height: 100%; }
        .meter-ok > span { background: var(--ok); } .meter-warn > span { background: var(--warn); } .meter-bad > span { background: var(--bad); }

        .codebox { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
        .tabs { display: flex; gap: 2px; background: var(--code-bg); border-bottom: 1px solid var(--line); padding: 4px; }
        .tabs button { border: 0; background: none; color: var(--muted); padding: 4px 10px; border-radius: 5px; cursor: pointer; font-size: 13px; }
        .tabs button.active { background: var(--panel); color: var(--text); font-weight: 600; }
        .tabs button.copy { margin-left: auto; }
        pre.code { margin: 0; padding: 12px 14px; background: var(--code-bg); overflow: auto; max-height: 640px; border-radius: 6px; line-height: 1.45; }
        .codebox pre.code { border-radius: 0; }
        pre.code code { background: none; padding: 0; }
        .tok-keyword { color: var(--kw); font-weight: 600; } .tok-string { color: var(--str); } .tok-number { color: var(--num); }
        .tok-comment { color: var(--comment); font-style: italic; } .tok-jinja { color: var(--jinja); } .tok-ident { color: var(--ident); }

        .lineage-controls { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; margin: 10px 0; }
        .lineage-controls input[type=text] { padding: 4px 8px; line-height: 1.5; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--text); width: 260px; font-family: ui-monospace, Menlo, Consolas, monospace; }
        .lineage-controls select, .zoom button { padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--text); }
        .zoom button { cursor: pointer; min-width: 28px; }
        .lineage, .lineage-mini { overflow: auto; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 6px; max-height: 75vh; }
        .lineage-mini { border: 0; padding: 0; }
        .lineage-svg .edge { fill: none; stroke: var(--line); stroke-width: 1.4; }
        .lineage-svg .edge-near { stroke: var(--muted); }
        .lineage-svg .edge-head { fill: var(--muted); }
        .lnode { cursor: pointer; }
        .lnode rect { fill: var(--panel); stroke: var(--line); stroke-width: 1.2; }
        .lnode:hover rect, .lnode:focus rect { stroke: var(--accent); }
        .lnode text { fill: var(--text); font-size: 12.5px; }
        .lnode-center > rect:first-of-type { stroke: var(--accent); stroke-width: 2.5; }
        .lnode .lnode-kind { stroke: none; fill: var(--other); }
        .lnode-model .lnode-kind { fill: var(--model); } .lnode-source .lnode-kind { fill: var(--source); } .lnode-seed .lnode-kind { fill: var(--seed); }
        .lnode-snapshot .lnode-kind { fill: var(--snapshot); } .lnode-exposure .lnode-kind { fill: var(--exposure); } .lnode-test .lnode-kind { fill: var(--test); }
        .lnode-semantic_model .lnode-kind { fill: var(--semantic); } .lnode-metric .lnode-kind, .lnode-saved_query .lnode-kind { fill: var(--metric); }
        .lnode.run-bad > rect:first-of-type { stroke: var(--bad); }

        .timeline-box { overflow-x: auto; }
        .timeline { width: 100%; min-width: 700px; height: auto; }
        .timeline .tick { stroke: var(--line); stroke-width: 1; }
        .timeline .tick-label { fill: var(--muted); font-size: 10px; text-anchor: middle; }
        .timeline .thread-label { fill: var(--muted); font-size: 11px; }
        .bar-ok { fill: var(--ok); } .bar-bad { fill: var(--bad); } .bar-warn { fill: var(--warn); } .bar-other { fill: var(--other); }
        .bar { opacity: 0.85; } .bar:hover { opacity: 1; }
        td.barcell { width: 40%; }
        .hbar { display: inline-block; height: 8px; border-radius: 4px; background: var(--accent); }

        @media (max-width: 860px) {
          .icon-button { display: inline-block; }
          .sidebar { transform: translateX(-100%); transition: transform 0.15s; z-index: 9; }
          body.nav-open .sidebar { transform: none; }
          .main { margin-left: 0; padding: 16px; }
          .topnav { display: none; }
          .split { grid-template-columns: 1fr; }
        }
        """#
}

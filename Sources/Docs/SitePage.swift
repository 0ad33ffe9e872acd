/// `index.html`: the shell the script fills. It names its assets by relative paths, so the site
/// works from `file://`, from a static server and from any sub-directory of one.
enum SitePage {
    /// The stylesheet and scripts by relative path: the site's page.
    static let linkedStylesheet = #"<link rel="stylesheet" href="weir-docs.css">"#
    static let linkedScripts = "<script src=\"data.js\"></script>\n<script src=\"weir-docs.js\"></script>"

    static func html(title: String, stylesheet: String = linkedStylesheet, scripts: String = linkedScripts) -> String {
        let name = escape(title)
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="weir">
            <title>\(name) · docs</title>
            <link rel="icon" href="data:,">
            \(stylesheet)
            </head>
            <body>
            <header class="topbar">
              <button id="menu-toggle" class="icon-button" type="button" aria-label="Show or hide the navigation">☰</button>
              <a class="brand" href="#/overview">\(name)</a>
              <div class="search">
                <input id="search" type="search" placeholder="Search models, columns, descriptions  ( / )" autocomplete="off" spellcheck="false" aria-label="Search">
                <div id="search-results" class="search-results" hidden></div>
              </div>
              <nav class="topnav">
                <a href="#/overview" data-route="overview">Overview</a>
                <a href="#/lineage" data-route="lineage">Lineage</a>
                <a href="#/run" data-route="run">Last run</a>
              </nav>
            </header>
            <div class="layout">
              <aside id="sidebar" class="sidebar" aria-label="Project"></aside>
              <main id="main" class="main" tabindex="-1"><noscript>This documentation needs JavaScript.</noscript></main>
            </div>
            \(scripts)
            </body>
            </html>

            """
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension SiteScript {
    /// The navigation tree, rendered folder by folder as it is opened.
    static let tree = #"""
        // The navigation tree: resource types, then packages and folders. A folder's contents are
        // rendered when it is first opened, so 10,000 models cost nothing until someone looks.
        const TREE_FOLDERS = new Map();
        const TREE_ITEMS = new Map();

        function treePath(entry) {
          if (entry.type === "source") return [entry.source && entry.source.source_name || entry.name.split(".")[0]];
          const parts = (entry.path || "").split("/");
          parts.pop();
          if (parts.length) parts.shift();
          return (isRoot(entry) ? [] : [entry.package]).concat(parts);
        }
        function treeLabel(entry) {
          return entry.type === "source" ? entry.name.slice(entry.name.indexOf(".") + 1) : entry.name;
        }

        function buildTree() {
          const groups = new Map();
          ENTRIES.forEach(function (entry) {
            if (entry.hidden) return;
            let folder = groups.get(entry.type);
            if (!folder) {
              folder = newFolder(TYPE_LABELS[entry.type] || entry.type, entry.type);
              groups.set(entry.type, folder);
            }
            folder.count++;
            treePath(entry).forEach(function (name) {
              let child = folder.folders.get(name);
              if (!child) { child = newFolder(name, folder.key + "/" + name); folder.folders.set(name, child); }
              child.count++;
              folder = child;
            });
            folder.items.push(entry);
          });
          return TYPE_ORDER.filter(function (type) { return groups.has(type); }).map(function (type) { return groups.get(type); });
        }
        function newFolder(name, key) {
          const folder = { name: name, key: key, folders: new Map(), items: [], count: 0, element: null, rendered: false };
          TREE_FOLDERS.set(key, folder);
          return folder;
        }

        function folderHTML(folder) {
          return "<details class=\"tree-folder\" data-key=\"" + esc(folder.key) + "\"><summary>" + esc(folder.name) +
            " <span class=\"count\">" + folder.count + "</span></summary><div class=\"tree-children\"></div></details>";
        }

        function renderFolderContents(folder) {
          if (folder.rendered || !folder.element) return;
          folder.rendered = true;
          const container = $(".tree-children", folder.element);
          const names = Array.from(folder.folders.keys()).sort(function (a, b) {
            // Built-in packages last.
            return (BUILTIN_PACKAGE.test(a) ? 1 : 0) - (BUILTIN_PACKAGE.test(b) ? 1 : 0) || (a < b ? -1 : a > b ? 1 : 0);
          });
          const items = folder.items.slice().sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
          container.innerHTML = names.map(function (name) { return folderHTML(folder.folders.get(name)); }).join("") +
            items.map(function (entry) {
              return "<a class=\"tree-item\" data-index=\"" + entry.index + "\" href=\"" + nodeHref(entry) + "\" title=\"" +
                esc(entry.name) + "\">" + esc(treeLabel(entry)) + "</a>";
            }).join("");
          attachFolders(container, folder);
          $all(".tree-item", container).forEach(function (item) { TREE_ITEMS.set(Number(item.getAttribute("data-index")), item); });
        }

        function attachFolders(container) {
          $all(":scope > details.tree-folder", container).forEach(function (element) {
            const folder = TREE_FOLDERS.get(element.getAttribute("data-key"));
            if (!folder) return;
            folder.element = element;
            element.addEventListener("toggle", function () { if (element.open) renderFolderContents(folder); });
          });
        }

        function setupTree() {
          const sidebar = $("#sidebar");
          if (!sidebar) return;
          const groups = buildTree();
          sidebar.innerHTML = "<nav class=\"tree\">" + groups.map(folderHTML).join("") + "</nav>";
          attachFolders($(".tree", sidebar));
          if (groups.length) openFolder(groups[0].key);
        }

        function openFolder(key) {
          const folder = TREE_FOLDERS.get(key);
          if (!folder || !folder.element) return null;
          renderFolderContents(folder);
          folder.element.open = true;
          return folder;
        }

        // Opens the folders down to the entry and marks it, without moving the page.
        function revealInTree(entry) {
          $all(".tree-item.active").forEach(function (item) { item.classList.remove("active"); });
          if (!entry || entry.hidden) return;
          let key = entry.type;
          if (!openFolder(key)) return;
          const path = treePath(entry);
          for (let i = 0; i < path.length; i++) {
            key += "/" + path[i];
            if (!openFolder(key)) return;
          }
          const item = TREE_ITEMS.get(entry.index);
          if (item) {
            item.classList.add("active");
            if (item.scrollIntoView) item.scrollIntoView({ block: "nearest" });
          }
        }
        """#
}

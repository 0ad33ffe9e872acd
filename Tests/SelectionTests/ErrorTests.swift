import Diagnostics
import ProjectModel
import Selection
import Testing

/// What cannot be understood is an error with a stable code that names the argument and says
/// what is allowed; what matches nothing is not an error.
@Suite struct ErrorTests {
    func error(
        _ select: [String], exclude: [String] = [], selector: String? = nil,
        selectors: SelectorDefinitions = Shop.selectors
    ) -> Diagnostic? {
        do {
            _ = try result(select, exclude: exclude, selector: selector, selectors: selectors)
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch {
            Issue.record("not a Diagnostic: \(error)")
            return nil
        }
    }

    @Test(
        arguments: [
            (["foo:bar"], [], "W1101", "--select 'foo:bar': 'foo' is not a selection method"),
            (["seed:raw+"], [], "W1101", "--select 'seed:raw+': 'seed' is not a selection method"),
            ([], ["tags:nightly"], "W1101", "--exclude 'tags:nightly': 'tags' is not a selection method"),
            (
                ["@fct_orders+"], [], "W1102",
                "--select '@fct_orders+': the '@' prefix and the '+' suffix cannot be combined"
            ),
            (
                ["99999999999999999999+fct_orders"], [], "W1102",
                "--select '99999999999999999999+fct_orders': '99999999999999999999' is not a valid graph depth"
            ),
            (["config:table"], [], "W1102", "--select 'config:table': the config method needs a key"),
            (["config.:table"], [], "W1102", "--select 'config.:table': the config method needs a key"),
            (
                ["tag.x:nightly"], [], "W1102",
                "--select 'tag.x:nightly': only the config method takes a dotted key, not 'tag'"
            ),
            (["fct\norders"], [], "W1102", "--select 'fct\norders': a criterion cannot contain a line break"),
            (
                ["resource_type:modle"], [], "W1103",
                "--select 'resource_type:modle': 'modle' is not a resource type"
            ),
            (["test_type:sing"], [], "W1103", "--select 'test_type:sing': 'sing' is not a test type"),
            (
                ["version:newest"], [], "W1103",
                "--select 'version:newest': 'newest' is not a version selector"
            ),
            (["source:a.b.c.d"], [], "W1103", "--select 'source:a.b.c.d': 'a.b.c.d' is not a source name"),
            (["exposure:a.b.c"], [], "W1103", "--select 'exposure:a.b.c': 'a.b.c' is not an exposure name"),
            (
                ["state:modified"], [], "W1108",
                "--select 'state:modified' compares with an earlier invocation, but no --state was given"
            ),
            (
                ["result:error+"], [], "W1108",
                "--select 'result:error+' compares with an earlier invocation, but no --state was given"
            ),
            (
                ["source_status:fresher+"], [], "W1108",
                "--select 'source_status:fresher+' compares with an earlier invocation, but no --state was given"
            ),
            (
                ["selector:nope"], [], "W1104",
                "--select 'selector:nope': no selector named 'nope' in selectors.yml"
            ),
        ] as [([String], [String], String, String)])
    func commandLine(select: [String], exclude: [String], code: String, message: String) throws {
        let diagnostic = try #require(error(select, exclude: exclude))
        #expect(diagnostic.code == code)
        #expect(diagnostic.message == message)
    }

    @Test func helpSaysWhatIsAllowed() throws {
        let method = try #require(error(["foo:bar"]))
        #expect(
            method.help?.hasPrefix(
                "use one of: fqn, tag, group, access, source, path, file, package, config,") == true)
        let type = try #require(error(["resource_type:modle"]))
        #expect(type.help?.contains("model, analysis, test, snapshot, operation, seed") == true)
        let selector = try #require(error([], selector: "missing"))
        #expect(selector.code == "W1104")
        #expect(selector.message == "--selector: no selector named 'missing' in selectors.yml")
        #expect(
            selector.help?.hasPrefix("defined selectors: nightly, staging_only, marts_without_tests") == true)
        let none = try #require(error(["selector:x"], selectors: SelectorDefinitions()))
        #expect(none.help == "selectors.yml defines no selectors")
    }

    @Test func valuesAreCheckedEvenWhenNothingCouldMatch() throws {
        // dbt checks these values only while visiting candidates; Weir checks them up front.
        let noModels = SelectionGraph(manifest: Manifest(projectName: "empty", adapterType: "postgres"))
        #expect(throws: Diagnostic.self) {
            try noModels.select(SelectionRequest(select: ["version:newest"]))
        }
    }

    @Test func selectorsThatReferToEachOtherInALoop() throws {
        let selectors = try SelectorDefinitions([
            "selectors": [
                [
                    "name": "a",
                    "definition": ["union": ["tag:nightly", ["method": "selector", "value": "b"]]],
                ],
                ["name": "b", "definition": ["selector": "c"]],
                ["name": "c", "definition": "selector:a"],
                ["name": "d", "definition": "selector:d+"],
            ]
        ])
        let loop = try #require(error([], selector: "a", selectors: selectors))
        #expect(loop.code == "W1106")
        #expect(loop.message == "selectors refer to each other in a loop: a → b → c → a")
        let own = try #require(error(["selector:d"], selectors: selectors))
        #expect(own.message == "selectors refer to each other in a loop: d → d")
    }

    static func parseError(_ file: ConfigValue) -> Diagnostic? {
        do {
            _ = try SelectorDefinitions(file)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        arguments: [
            (["selectors": "nightly"], "selectors.yml: 'selectors' must be a list, not nightly"),
            (
                ["selectors": [["definition": "tag:a"]]],
                "selectors.yml: each selector needs a 'name' and a 'definition', found {'definition': 'tag:a'}"
            ),
            (["selectors": [["name": "a"]]], "selectors.yml, selector 'a': 'definition' is missing"),
            (
                ["selectors": [["name": "a", "definition": ["tag:x"]]]],
                "selectors.yml, selector 'a': a definition is a union, an intersection, a string or a mapping, not ['tag:x']"
            ),
            (
                ["selectors": [["name": "a", "definition": ["union": ["tag:x"], "description": "x"]]]],
                "selectors.yml, selector 'a': a definition with 'union' or 'intersection' can have no other key at its root; found union, description"
            ),
            (
                ["selectors": [["name": "a", "definition": ["union": "tag:x"]]]],
                "selectors.yml, selector 'a': 'union' must be a list"
            ),
            (
                ["selectors": [["name": "a", "definition": ["union": ["tag:x", 3]]]]],
                "selectors.yml, selector 'a': the items of 'union' are strings or mappings, not 3"
            ),
            (
                [
                    "selectors": [
                        [
                            "name": "a",
                            "definition": [
                                "union": ["tag:x", ["exclude": ["tag:y"]], ["exclude": ["tag:z"]]]
                            ],
                        ]
                    ]
                ],
                "selectors.yml, selector 'a': a 'union' can have only one 'exclude' item"
            ),
            (
                ["selectors": [["name": "a", "definition": ["method": "tag", "parents": true]]]],
                "selectors.yml, selector 'a': a criterion is either one 'method: value' pair or has 'method' and 'value' keys, found keys method, parents"
            ),
            (
                [
                    "selectors": [
                        ["name": "a", "definition": "tag:x", "default": true],
                        ["name": "b", "definition": "tag:y", "default": true],
                    ]
                ],
                "selectors.yml: more than one selector has 'default: true': 'a' and 'b'"
            ),
            (
                ["selectors": [["name": "a", "definition": "tag:x", "default": "yes"]]],
                "selectors.yml, selector 'a': 'default' must be true or false, not yes"
            ),
        ] as [(ConfigValue, String)])
    func malformedSelectorsFile(file: ConfigValue, message: String) throws {
        let diagnostic = try #require(Self.parseError(file))
        #expect(diagnostic.code == "W1105")
        #expect(diagnostic.message == message)
    }

    @Test(
        arguments: [
            (
                ["method": "tags", "value": "x"], "W1101",
                "selector 'a' '{'method': 'tags', 'value': 'x'}': 'tags' is not a selection method"
            ),
            (["tags": "x"], "W1101", "selector 'a' '{'tags': 'x'}': 'tags' is not a selection method"),
            (
                ["method": "fqn", "value": "x", "children": true, "childrens_parents": true], "W1102",
                "selector 'a' '{'method': 'fqn', 'value': 'x', 'children': True, 'childrens_parents': True}': the '@' prefix and the '+' suffix cannot be combined"
            ),
            (
                ["method": "fqn", "value": "x", "parents": true, "parents_depth": "two"], "W1102",
                "selector 'a' '{'method': 'fqn', 'value': 'x', 'parents': True, 'parents_depth': 'two'}': 'two' is not a valid graph depth"
            ),
            (
                ["method": "fqn", "value": "x", "children_depth": -1], "W1102",
                "selector 'a' '{'method': 'fqn', 'value': 'x', 'children_depth': -1}': '-1' is not a valid graph depth"
            ),
            (
                ["method": "fqn", "value": "x", "indirect_selection": "lazy"], "W1103",
                "selector 'a' '{'method': 'fqn', 'value': 'x', 'indirect_selection': 'lazy'}': 'lazy' is not an indirect selection mode"
            ),
            (
                ["tag": ["a", "b"]], "W1103",
                "selector 'a' '{'tag': ['a', 'b']}': the value must be a single string, not ['a', 'b']"
            ),
        ] as [(ConfigValue, String, String)])
    func malformedDefinition(definition: ConfigValue, code: String, message: String) throws {
        let diagnostic = try #require(
            Self.parseError(["selectors": [["name": "a", "definition": definition]]]))
        #expect(diagnostic.code == code)
        #expect(diagnostic.message == message)
    }
}

import Jinja
import Testing

// Expected values were produced by Python's Jinja2 3.1.6 (SandboxedEnvironment with the `do` and
// `loopcontrols` extensions, dbt's settings) from the same template text.

/// Jinja2's default globals: `range`, `dict`, `lipsum`, `cycler`, `joiner`, `namespace`.
@Suite struct BuiltinGlobalsTests {

    static let renders: [(String, String)] = [
        (
            "{{ range(5)|list }} {{ range(2, 6)|list }} {{ range(0, 10, 3)|list }} {{ range(5, 0, -1)|list }} {{ range(0, -6, -2)|list }} {{ range(3, 3)|list }} {{ range(-3)|list }} {{ range(true)|list }}",
            "[0, 1, 2, 3, 4] [2, 3, 4, 5] [0, 3, 6, 9] [5, 4, 3, 2, 1] [0, -2, -4] [] [] [0]"
        ),
        (
            "{{ range(10)|length }} {{ range(10)[3] }} {{ range(10)[-1] }} {{ 5 in range(10) }} {{ range(3)|sum }} {{ range(100000)|length }}",
            "10 3 9 True 3 100000"
        ),
        (
            "{{ dict(a=1) }} {{ dict(a=1, b=[2])|length }} {{ dict(x='y').x }} {{ dict() }} {{ dict({'a': 1}, b=2) }} {{ dict([('a', 1), ['b', 2]]) }}",
            "{'a': 1} 2 y {} {'a': 1, 'b': 2} {'a': 1, 'b': 2}"
        ),
        (
            "{% set c = cycler('a', 'b', 'c') %}{{ c.next() }}{{ c.next() }}{{ c.current }}{{ c.next() }}{{ c.next() }}{% do c.reset() %}{{ c.current }}{{ c.next() }}",
            "abccaaa"
        ),
        ("{% set c = cycler(1, 2) %}{{ c.items }} {{ c.pos }}{% do c.next() %} {{ c.pos }}", "(1, 2) 0 1"),
        ("{% set j = joiner() %}{% for x in ['a', 'b', 'c'] %}{{ j() }}{{ x }}{% endfor %}", "a, b, c"),
        (
            "{% set pipe = joiner(' | ') %}{% for x in [1, 2, 3] %}{{ pipe() }}{{ x }}{% endfor %}|{% set j = joiner(sep='') %}{% for x in 'ab' %}{{ j() }}{{ x }}{% endfor %}",
            "1 | 2 | 3|ab"
        ),
        (
            "{{ lipsum(1, false, 5, 6)|length > 0 }} {{ lipsum(2, true, 5, 6).startswith('<p>') }} {{ lipsum(3, false, 5, 6).count('\\n\\n') }} {{ lipsum is callable }} {{ lipsum(0) }} {{ lipsum(2, min=3, max=4).count('</p>') }} {{ lipsum(1, false, 5, 6).endswith('.') }}",
            "True True 2 True  2 True"
        ),
        (
            "{% set ns = namespace(a=1, b='two') %}{{ ns.a }} {{ ns.b }}{% set ns.a = ns.a + 1 %} {{ ns.a }} {{ ns }}",
            "1 two 2 <Namespace {'a': 2, 'b': 'two'}>"
        ),
        (
            "{% set ns = namespace({'a': 1}, b=2, a=10) %}{{ ns.a }} {{ ns.b }} {{ ns['a'] }} [{{ ns.c }}] {{ ns.c is defined }}",
            "10 2 10 [] False"
        ),
        (
            "{% set ns = namespace() %}{% set ns.items = [] %}{% for i in [1, 2] %}{% do ns.items.append(i) %}{% endfor %}{{ ns.items }} {{ ns }}",
            "[1, 2] <Namespace {'items': [1, 2]}>"
        ),
        (
            "{% set ns = namespace(n=0) %}{% macro inc() %}{% set ns.n = ns.n + 1 %}{% endmacro %}{{ inc() }}{{ inc() }}{{ ns.n }}",
            "2"
        ),
        (
            "{{ dict }} {{ namespace }} {{ cycler }} {{ joiner }}",
            "<class 'dict'> <class 'jinja2.utils.Namespace'> <class 'jinja2.utils.Cycler'> <class 'jinja2.utils.Joiner'>"
        ),
        (
            "{{ range(3)|reverse|list }} {{ range(3)|last }} {{ range(4)|batch(3)|list }} {{ 'y' if range(0) else 'n' }} {{ range(2, 8, 3)|list }} {{ range(3)[5] is defined }} {{ range(1, 4)|join('-') }} {{ range(5)|select('odd')|list }} {{ range(3)|random in [0, 1, 2] }}",
            "[2, 1, 0] 2 [[0, 1, 2], [3]] n [2, 5] False 1-2-3 [1, 3] True"
        ),
        (
            "{% for i in range(2) %}{{ loop.length }}{{ i }}{% endfor %} {{ (range(3)|list)[1:] }}",
            "2021 [1, 2]"
        ),
    ]

    @Test(arguments: renders)
    func rendersLikeJinja2(_ source: String, _ expected: String) throws {
        #expect(try BuiltinHarness.render(source) == expected)
    }
}

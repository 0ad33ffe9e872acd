/// Jinja2's `lipsum()` global: paragraphs of random lorem ipsum, built the way
/// `jinja2.utils.generate_lorem_ipsum` builds them (same words, commas and full stops).
enum LoremIpsum {
    /// `jinja2.constants.LOREM_IPSUM_WORDS`.
    static let words: [String] = """
        a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu at
        auctor augue bibendum blandit class commodo condimentum congue consectetuer
        consequat conubia convallis cras cubilia cum curabitur curae cursus dapibus
        diam dictum dictumst dignissim dis dolor donec dui duis egestas eget eleifend
        elementum elit enim erat eros est et etiam eu euismod facilisi facilisis fames
        faucibus felis fermentum feugiat fringilla fusce gravida habitant habitasse hac
        hendrerit hymenaeos iaculis id imperdiet in inceptos integer interdum ipsum
        justo lacinia lacus laoreet lectus leo libero ligula litora lobortis lorem
        luctus maecenas magna magnis malesuada massa mattis mauris metus mi molestie
        mollis montes morbi mus nam nascetur natoque nec neque netus nibh nisi nisl non
        nonummy nostra nulla nullam nunc odio orci ornare parturient pede pellentesque
        penatibus per pharetra phasellus placerat platea porta porttitor posuere
        potenti praesent pretium primis proin pulvinar purus quam quis quisque rhoncus
        ridiculus risus rutrum sagittis sapien scelerisque sed sem semper senectus sit
        sociis sociosqu sodales sollicitudin suscipit suspendisse taciti tellus tempor
        tempus tincidunt torquent tortor tristique turpis ullamcorper ultrices
        ultricies urna ut varius vehicula vel velit venenatis vestibulum vitae vivamus
        viverra volutpat vulputate
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// `n` paragraphs of `min` to `max - 1` words, as HTML `<p>` elements or plain text
    /// separated by blank lines.
    ///
    ///     {{ lipsum(2, false) }}
    static func generate(paragraphs n: Int, html: Bool, min: Int, max: Int) throws -> String {
        // Python would take its time over `lipsum(10 ** 9)`; a renderer must not.
        guard n <= 10_000 && max <= 100_000 else {
            throw RuntimeFailure.limit("lipsum() is limited to 10,000 paragraphs of 100,000 words")
        }
        var result: [String] = []
        for _ in 0..<Swift.max(0, n) {
            var nextCapitalized = true
            var lastComma = 0
            var lastFullStop = 0
            var last: String?
            var words: [String] = []
            guard min < max else {
                throw RuntimeFailure.value("empty range for randrange() (\(min), \(max), \(max - min))")
            }
            // `range(randrange(min, max))`: empty when the count drawn is negative.
            for index in 0..<Swift.max(0, Int.random(in: min..<max)) {
                var word = ""
                repeat {
                    word = randomWord()
                } while word == last
                last = word
                if nextCapitalized {
                    word = PyCase.capitalize(word)
                    nextCapitalized = false
                }
                if index - Int.random(in: 3..<8) > lastComma {
                    lastComma = index
                    lastFullStop += 2
                    word += ","
                }
                if index - Int.random(in: 10..<20) > lastFullStop {
                    lastComma = index
                    lastFullStop = index
                    word += "."
                    nextCapitalized = true
                }
                words.append(word)
            }
            var paragraph = words.joined(separator: " ")
            if paragraph.hasSuffix(",") {
                paragraph = String(paragraph.dropLast()) + "."
            } else if !paragraph.hasSuffix(".") {
                paragraph += "."
            }
            result.append(paragraph)
        }
        if !html { return result.joined(separator: "\n\n") }
        return result.map { "<p>\(PyText.htmlEscape($0))</p>" }.joined(separator: "\n")
    }

    private static func randomWord() -> String { words.randomElement() ?? "lorem" }
}

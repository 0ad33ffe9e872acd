/// Python's `repr()` of a string, as dbt's messages quote names (`'orders'`, `"o'brien"`).
func pythonRepr(_ text: String) -> String { TemplateValue.string(text).pyRepr }

/// Python's `repr()` of a list of strings (`['a', 'b']`).
func pythonListRepr(_ items: [String]) -> String { "[" + items.map(pythonRepr).joined(separator: ", ") + "]" }

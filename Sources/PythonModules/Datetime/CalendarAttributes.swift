import Jinja

/// What `date` and `datetime` share: calendar fields and day-of-week methods.
enum CalendarAttributes {
    static func attribute(_ date: CivilDate, _ name: String) -> Value? {
        switch name {
        case "year": return .int(date.year)
        case "month": return .int(date.month)
        case "day": return .int(date.day)
        case "weekday": return noArguments(name) { .int(date.weekday) }
        case "isoweekday": return noArguments(name) { .int(date.weekday + 1) }
        case "toordinal": return noArguments(name) { .int(date.ordinal) }
        case "isocalendar":
            return noArguments(name) {
                let iso = date.isoCalendar
                return .object(IsoCalendarDateObject(year: iso.year, week: iso.week, weekday: iso.weekday))
            }
        default: return nil
        }
    }

    static func noArguments(_ name: String, _ body: @escaping () throws -> Value) -> Value {
        .method(name) { arguments in
            if !arguments.isEmpty {
                if !arguments.keywords.isEmpty { throw PyError.type("\(name)() takes no keyword arguments") }
                throw PyError.type("\(name)() takes no arguments (\(arguments.positional.count) given)")
            }
            return try body()
        }
    }
}

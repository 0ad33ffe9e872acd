import Foundation
import Planning
import ProjectModel
import SQLDialect
import Testing

/// Which batches a microbatch model builds, checked against dbt's `MicrobatchBuilder` examples.
@Suite struct MicrobatchWindowTests {
    static func model(_ config: [(String, ConfigValue)]) -> ManifestNode {
        PlanGoldenTests.model(
            "events_daily", "incremental",
            config: [("incremental_strategy", "microbatch"), ("event_time", "event_at")] + config)
    }

    static func date(_ text: String) -> Date { EventTime.parse(text)! }

    static func windows(_ list: [BatchWindow]) -> [String] {
        list.map { "\(EventTime.pythonString($0.start)) -> \(EventTime.pythonString($0.end))" }
    }

    @Test func aFirstRunBuildsFromBeginToNowRoundedUp() throws {
        let node = Self.model([("batch_size", "day"), ("begin", "2024-09-15")])
        let microbatch = try Microbatch(node: node)
        let result = try microbatch.windows(incremental: false, start: nil, end: nil, now: Self.date("2024-09-17 16:06:00"), node: node)
        #expect(Self.windows(result) == [
            "2024-09-15 00:00:00+00:00 -> 2024-09-16 00:00:00+00:00",
            "2024-09-16 00:00:00+00:00 -> 2024-09-17 00:00:00+00:00",
            "2024-09-17 00:00:00+00:00 -> 2024-09-18 00:00:00+00:00",
        ])
    }

    @Test func anIncrementalRunRebuildsTheLookbackAndTheCurrentBatch() throws {
        let node = Self.model([("batch_size", "hour"), ("lookback", 2)])
        let result = try Microbatch(node: node).windows(
            incremental: true, start: nil, end: nil, now: Self.date("2024-09-17 16:06:00"), node: node)
        #expect(Self.windows(result) == [
            "2024-09-17 14:00:00+00:00 -> 2024-09-17 15:00:00+00:00",
            "2024-09-17 15:00:00+00:00 -> 2024-09-17 16:00:00+00:00",
            "2024-09-17 16:00:00+00:00 -> 2024-09-17 17:00:00+00:00",
        ])
    }

    @Test func anEventTimeRangeIsABackfillOfWholeBatches() throws {
        let node = Self.model([("batch_size", "month")])
        let result = try Microbatch(node: node).windows(
            incremental: true, start: Self.date("2024-01-20"), end: Self.date("2024-03-01"), now: Self.date("2026-01-01"), node: node)
        #expect(Self.windows(result) == [
            "2024-01-01 00:00:00+00:00 -> 2024-02-01 00:00:00+00:00",
            "2024-02-01 00:00:00+00:00 -> 2024-03-01 00:00:00+00:00",
        ])
    }

    @Test func yearsAndMonthsStepByTheCalendar() {
        let moment = Self.date("2024-09-17 16:06:00")
        #expect(EventTime.pythonString(EventTime.offset(moment, by: .month, -1)) == "2024-08-01 00:00:00+00:00")
        #expect(EventTime.pythonString(EventTime.offset(moment, by: .month, 4)) == "2025-01-01 00:00:00+00:00")
        #expect(EventTime.pythonString(EventTime.offset(moment, by: .year, 1)) == "2025-01-01 00:00:00+00:00")
        #expect(EventTime.pythonString(EventTime.ceiling(Self.date("2024-09-01"), to: .month)) == "2024-09-01 00:00:00+00:00")
        #expect(EventTime.batchID(moment, size: .hour) == "20240917T16")
        #expect(EventTime.batchID(moment, size: .day) == "20240917")
    }

    @Test func missingSettingsAreExplained() throws {
        #expect(throws: (any Error).self) { try Microbatch(node: Self.model([("begin", "2024-01-01")])) }
        let withoutBegin = Self.model([("batch_size", "day")])
        let error = #expect(throws: (any Error).self) {
            try Microbatch(node: withoutBegin).windows(incremental: false, start: nil, end: nil, now: Date(), node: withoutBegin)
        }
        #expect(String(describing: error!).contains("requires a 'begin' configuration"))
        let badBegin = Self.model([("batch_size", "day"), ("begin", "yesterday")])
        #expect(throws: (any Error).self) { try Microbatch(node: badBegin) }
    }
}

@Suite struct EventTimeTests {
    @Test func readsWhatWarehousesWrite() {
        #expect(EventTime.parse("2024-03-01").map(EventTime.pythonString) == "2024-03-01 00:00:00+00:00")
        #expect(EventTime.parse("2024-03-01 10:20:30.5").map(EventTime.pythonString) == "2024-03-01 10:20:30.500000+00:00")
        #expect(EventTime.parse("2024-03-01T10:20:30Z").map(EventTime.pythonString) == "2024-03-01 10:20:30+00:00")
        #expect(EventTime.parse("2024-03-01 10:20:30+02").map(EventTime.pythonString) == "2024-03-01 08:20:30+00:00")
        #expect(EventTime.parse("2024-13-01") == nil)
        #expect(EventTime.parse("2024-02-30") == nil, "an impossible date is refused, not rolled over")
        #expect(EventTime.parse("last tuesday") == nil)
    }

    @Test func intervalsAreCalendarSteps() {
        let moment = EventTime.parse("2024-03-01 06:00:00")!
        #expect(EventTime.interval("1 day").map { EventTime.pythonString(EventTime.subtract($0, from: moment)) } == "2024-02-29 06:00:00+00:00")
        #expect(EventTime.interval("1 day 12 hours").map { EventTime.pythonString(EventTime.subtract($0, from: moment)) } == "2024-02-28 18:00:00+00:00")
        #expect(EventTime.interval("2 weeks")?.day == 14)
        #expect(EventTime.interval("1 fortnight") == nil)
        #expect(EventTime.interval("day") == nil)
    }

    @Test func sqliteLiteralsCompareAsTextWithDatesAndTimestamps() {
        let midnight = EventTime.parse("2024-03-01")!
        #expect(SQLDialect.sqlite.eventTimeLiteral(midnight) == "2024-03-01")
        #expect(SQLDialect.sqlite.eventTimeLiteral(midnight.addingTimeInterval(3600)) == "2024-03-01 01:00:00")
        #expect(SQLDialect.postgres.eventTimeLiteral(midnight) == "2024-03-01 00:00:00+00:00")
        #expect(SQLDialect.postgres.eventTimeRange("event_at", from: midnight, to: nil) == "event_at >= '2024-03-01 00:00:00+00:00'")
    }
}

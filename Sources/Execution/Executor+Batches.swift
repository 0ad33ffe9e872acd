import Foundation
import Planning
import SQLDialect
import Warehouse

extension Executor {
    /// A microbatch model's batches, as dbt runs them: the first alone (on a first run it creates
    /// the table, so if it fails the rest are not tried), then the middle ones in order, or at
    /// once on extra connections when `concurrent_batches` allows, then the last. A failed batch
    /// rolls back alone; the node is a success, a partial success or an error by how many failed.
    func runBatches(_ prepared: PreparedNode, on connection: any WarehouseConnection, into result: inout NodeResult) {
        let plan = prepared.plan
        var runs = [NodeResult?](repeating: nil, count: plan.batches.count)
        let threadID = result.threadID
        func run(_ index: Int, on connection: any WarehouseConnection) -> NodeResult {
            var batchResult = NodeResult(uniqueID: plan.uniqueID, status: .success, threadID: threadID)
            let batch = plan.batches[index]
            do {
                try perform(batch.steps, cleanup: batch.cleanup, prepared, on: connection, into: &batchResult)
            } catch {
                batchResult.status = .error
                batchResult.message = String(describing: error)
                batchResult.error = error
            }
            return batchResult
        }
        runs[0] = run(0, on: connection)
        if runs[0]?.status == .success {
            var sequential = Array(plan.batches.indices.dropFirst())
            if plan.concurrentBatches && threads > 1 && sequential.count > 2 {
                let middle = Array(sequential.dropLast())
                for (index, batchResult) in runConcurrently(middle, run) { runs[index] = batchResult }
                sequential = [plan.batches.count - 1]
            }
            for index in sequential where !wasCancelled { runs[index] = run(index, on: connection) }
        }

        var batchResults = BatchResults()
        var inserted = 0
        var firstError: NodeResult?
        for (index, batch) in plan.batches.enumerated() {
            let batchRun = runs[index]
            result.executedSQL += batchRun?.executedSQL ?? []
            if let batchRun, batchRun.status == .success {
                batchResults.successful.append(batch.window)
                inserted += batchRun.rowsAffected ?? 0
            } else {
                batchResults.failed.append(batch.window)
                if firstError == nil { firstError = batchRun }
            }
        }
        result.batchResults = batchResults
        // The rows each successful batch's statement reported, summed; the response names the batches.
        result.rowsAffected = inserted
        result.responseMessage = "\(batchResults.successful.count) of \(plan.batches.count) batches"
        result.responseCode = "SUCCESS"
        if !batchResults.successful.isEmpty {
            do {
                try perform(plan.afterBatches, cleanup: [], prepared, on: connection, into: &result)
            } catch {
                result.status = .error
                result.message = String(describing: error)
                result.error = error
                return
            }
        }
        if batchResults.failed.isEmpty {
            result.status = .success
            return
        }
        result.status = batchResults.successful.isEmpty ? .error : .partialSuccess
        result.error = firstError?.error
        let failedText = firstError?.message.map { ": \($0)" } ?? ""
        result.message =
            "\(batchResults.failed.count) of \(plan.batches.count) batches failed (the first at \(batchResults.failed[0]))"
            + failedText
    }

    /// Runs batches on up to `threads` extra connections at once, each batch once.
    private func runConcurrently(_ indices: [Int], _ run: (Int, any WarehouseConnection) -> NodeResult) -> [(Int, NodeResult)] {
        let lock = NSLock()
        var next = 0
        var finished: [(Int, NodeResult)] = []
        var connectionFailure: (any Error)?
        DispatchQueue.concurrentPerform(iterations: min(threads, indices.count)) { worker in
            let connection: any WarehouseConnection
            do {
                connection = try warehouse.connect()
            } catch {
                lock.withLock { connectionFailure = error }
                return
            }
            defer { connection.close() }
            register(connection, threadID: "batch-\(worker)")
            defer { unregister(connection) }
            while true {
                let index: Int? = lock.withLock {
                    guard next < indices.count, !wasCancelled else { return nil }
                    next += 1
                    return indices[next - 1]
                }
                guard let index else { return }
                let batchResult = run(index, connection)
                lock.withLock { finished.append((index, batchResult)) }
            }
        }
        // Batches no worker could take (no connection) fail with the connection's error.
        let done = Set(finished.map(\.0))
        for index in indices where !done.contains(index) {
            var failed = NodeResult(uniqueID: "", status: .error, threadID: "batch")
            failed.message = connectionFailure.map { String(describing: $0) } ?? "the run was stopped"
            failed.error = connectionFailure
            finished.append((index, failed))
        }
        return finished
    }
}

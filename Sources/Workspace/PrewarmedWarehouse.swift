import Dispatch
import Foundation
import SQLDialect
import Warehouse

/// A server warehouse whose first connections are opened at once, in the background, instead
/// of one after another as the run reaches them (its session, its lock, each worker): each
/// PostgreSQL connection costs a round of authentication, and a short run (`weir seed` of one
/// file) would otherwise wait for three in a row. Connections not taken are closed by `close()`.
final class PrewarmedWarehouse: Warehouse, @unchecked Sendable {
    private let base: any Warehouse
    private let lock = NSLock()
    private var opening: [DispatchGroup] = []
    private var opened: [Result<any WarehouseConnection, any Error>?]

    var dialect: SQLDialect { base.dialect }

    init(_ base: any Warehouse, connections count: Int) {
        self.base = base
        opened = Array(repeating: nil, count: count)
        for index in 0..<count {
            let group = DispatchGroup()
            opening.append(group)
            DispatchQueue.global().async(group: group) {
                let result = Result { try base.connect() }
                self.lock.lock()
                self.opened[index] = result
                self.lock.unlock()
            }
        }
    }

    /// A connection opened ahead, else a new one. A failed early attempt is made again here, so
    /// that the error is the one a plain connect would give, where it would give it.
    func connect() throws -> any WarehouseConnection {
        lock.lock()
        let group = opening.popLast()
        lock.unlock()
        guard let group else { return try base.connect() }
        group.wait()
        lock.lock()
        let result = opened.removeLast()
        lock.unlock()
        if case .success(let connection) = result { return connection }
        return try base.connect()
    }

    /// Closes the connections opened ahead that nothing took.
    func close() {
        lock.lock()
        let groups = opening
        opening = []
        lock.unlock()
        for group in groups { group.wait() }
        lock.lock()
        let left = opened
        opened = []
        lock.unlock()
        for case .success(let connection)? in left { connection.close() }
    }
}

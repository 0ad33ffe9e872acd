import CLibPQ
import Foundation
import Warehouse

/// The errors the PostgreSQL connection reports, made in one place so their wording and kinds
/// stay consistent.
extension WarehouseError {
    /// A failed statement, from its error result (or, when libpq produced none, the connection's
    /// message): SQLSTATE, primary message, detail, hint and the 1-based character position.
    /// The server's CONTEXT is left out: for COPY it quotes the rejected value.
    static func postgres(_ result: PostgresResult?, connection: OpaquePointer, statement: String?)
        -> WarehouseError
    {
        let sqlState = result?.errorField("C")
        let message =
            result?.errorField("M") ?? result?.errorMessage
            ?? PQerrorMessage(connection).map { String(cString: $0).trimmingTrailingWhitespace() }
        return WarehouseError(
            kind: kind(sqlState: sqlState, connection: connection), sqlState: sqlState,
            message: message.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown PostgreSQL error",
            detail: result?.errorField("D"), hint: result?.errorField("H"),
            position: result?.errorField("P").flatMap { Int($0) }, statement: statement)
    }

    /// `query_canceled` (57014) is what the server answers to `PQcancel`; a connection that is no
    /// longer usable (the server went away, `pg_terminate_backend`) is a connection failure
    /// whatever the statement was, as are the SQLSTATE classes for lost connections and shutdown.
    private static func kind(sqlState: String?, connection: OpaquePointer) -> Kind {
        if sqlState == "57014" { return .cancelled }
        if PQstatus(connection) != CONNECTION_OK { return .connection }
        if let sqlState, sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState) {
            return .connection
        }
        return .query
    }

    /// `PQconnectdbParams` failed. libpq reports connection failures as text only (no SQLSTATE),
    /// so refused credentials are recognised by `PQconnectionNeedsPassword` and the server's
    /// wording. The password is masked out of the message in case any layer ever echoes it.
    static func connectionFailed(_ libpqMessage: String, needsPassword: Bool, password: String)
        -> WarehouseError
    {
        var message = libpqMessage.trimmingTrailingWhitespace()
        if !password.isEmpty { message = message.replacingOccurrences(of: password, with: "********") }
        if message.isEmpty { message = "could not connect to the PostgreSQL server" }
        let lowercased = message.lowercased()
        let refusedCredentials = [
            "authentication failed", "no password supplied", "password is required", "no pg_hba.conf entry",
            "pg_hba.conf rejects",
        ].contains { lowercased.contains($0) }
        return WarehouseError(
            kind: needsPassword || refusedCredentials ? .authentication : .connection, message: message)
    }

    static func closed() -> WarehouseError {
        WarehouseError(kind: .connection, message: "the PostgreSQL connection is closed")
    }

    /// `execute` met a `COPY ... FROM STDIN` or `TO STDOUT`, whose data it has no way to carry.
    static func copyNotSupported(statement: String) -> WarehouseError {
        WarehouseError(
            kind: .query, message: "COPY FROM STDIN and COPY TO STDOUT cannot run as statements",
            hint: "load rows with load(into:columns:rows:)", statement: statement)
    }

    static func badLoad(_ message: String, relation: String) -> WarehouseError {
        WarehouseError(kind: .query, message: "cannot load into \(relation): \(message)")
    }
}

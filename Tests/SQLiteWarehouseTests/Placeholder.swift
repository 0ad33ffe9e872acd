import Testing

@Suite struct SQLiteWarehousePlaceholder {}

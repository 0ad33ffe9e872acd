import Testing

@Suite struct PostgresWarehousePlaceholder {}

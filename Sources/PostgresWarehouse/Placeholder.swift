// Placeholder: replaced by the PostgresWarehouse implementation.

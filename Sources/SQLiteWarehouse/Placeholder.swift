// Placeholder: replaced by the SQLiteWarehouse implementation.

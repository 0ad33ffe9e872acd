/// The shared, copy-on-write home of a value type's fields (`ManifestNode`, `ColumnInfo`): the
/// value holds one reference to it, so copying the value retains once rather than once per
/// field, and the value's accessor copies the fields only when it changes a shared box.
@usableFromInline final class SharedFields<Fields>: @unchecked Sendable {
    // Mutated only through the owning value's accessor, after making it unique.
    @usableFromInline var fields: Fields
    @usableFromInline init(_ fields: Fields) { self.fields = fields }
}

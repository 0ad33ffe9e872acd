/// A host object that can be called, so that the `callable` test recognises it.
protocol PyCallableObject: JinjaObject {}

import ProjectModel
import Selection

/// Selects from the shop project as `dbt ls --resource-type all` does (every type, empty nodes
/// kept) unless told otherwise, and answers with aliases.
func select(
    _ select: [String], exclude: [String] = [], indirect: IndirectSelection = .eager,
    types: Set<ResourceType>? = nil, includeEmptyNodes: Bool = true
) throws -> Set<String> {
    try result(
        select, exclude: exclude, indirect: indirect, types: types, includeEmptyNodes: includeEmptyNodes
    ).selected
}

func select(_ selection: String, exclude: [String] = [], indirect: IndirectSelection = .eager) throws -> Set<
    String
> {
    try select([selection], exclude: exclude, indirect: indirect)
}

/// The whole result, with `selected` as aliases.
func result(
    _ select: [String], exclude: [String] = [], selector: String? = nil, indirect: IndirectSelection = .eager,
    types: Set<ResourceType>? = nil, includeEmptyNodes: Bool = true,
    selectors: SelectorDefinitions = Shop.selectors
) throws -> SelectionResult {
    let request = SelectionRequest(
        select: select, exclude: exclude, selector: selector, resourceTypes: types,
        indirectSelection: indirect,
        includeEmptyNodes: includeEmptyNodes)
    var result = try Shop.graph.select(request, selectors: selectors)
    result.selected = Shop.aliases(result.selected)
    return result
}

/// Everything but the given aliases.
func allBut(_ aliases: [String]) -> [String] { Shop.all.subtracting(aliases).sorted() }

/// The tests that come along with fct_orders in eager mode.
let fctOrdersTests = ["assert_orders_match", "assert_positive_payments", "relationships_customer_id"]
let stagingModels = ["stg_customers", "stg_orders", "stg_payments"]
let dimCustomers = ["dim_customers.v1", "dim_customers.v2", "dim_customers.v3"]
let rawSources = ["source:raw.customers", "source:raw.orders"]

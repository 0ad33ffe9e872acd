"""Prints what `dbt ls --resource-type all` selects in the shop project, with the aliases the
Swift tests use, so an expectation can be checked against dbt itself:

    sh make_shop_project.sh /tmp/shop && cd /tmp/shop
    python check_with_dbt.py 'tag:nightly+' --exclude 'fct_orders' --indirect-selection cautious

Any `dbt ls` selection flags can be given. Needs dbt-core and dbt-postgres (no server).
"""
import contextlib
import io
import json
import sys

from dbt.cli.main import dbtRunner

TEST_ALIASES = {
    "unique": "unique_customer_id", "not_null": "not_null_order_id",
    "relationships": "relationships_customer_id", "accepted_values": "accepted_status",
    "expression_is_true": "expression_is_true",
}

unmatched = []


def on_event(event):
    if event.info.name == "NoNodesForSelectionCriteria":
        unmatched.append(event.data.spec_raw)


def alias(node):
    kind = node["resource_type"]
    if kind == "source":
        return f"source:{node['source_name']}.{node['name']}"
    if kind == "exposure":
        return f"exposure:{node['name']}"
    if kind == "test" and node.get("test_metadata"):
        return TEST_ALIASES[node["test_metadata"]["name"]]
    if node.get("version") is not None:
        return f"{node['name']}.v{node['version']}"
    return node["name"]


args = ["ls", "--profiles-dir", ".", "--quiet", "--output", "json",
        "--output-keys", "resource_type name source_name version test_metadata"]
if "--resource-type" not in sys.argv[1:]:
    args += ["--resource-type", "all"]
selection = sys.argv[1:]
if selection and not selection[0].startswith("-"):
    selection = ["--select"] + selection
log = io.StringIO()
with contextlib.redirect_stdout(log):
    outcome = dbtRunner(callbacks=[on_event]).invoke(args + selection)
if not outcome.success:
    print("error:", getattr(outcome.exception, "msg", None) or outcome.exception or log.getvalue().strip())
    sys.exit(1)
print(json.dumps(sorted(alias(json.loads(line)) for line in outcome.result)))
if unmatched:
    print("unmatched:", unmatched)

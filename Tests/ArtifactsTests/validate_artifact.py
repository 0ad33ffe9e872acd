#!/usr/bin/env python3
"""Validate a dbt artifact against its published JSON schema, then check that every object's
keys come in the order of the schema's `properties` (dbt writes dataclass fields in declaration
order, and the schema lists them in that order), with keys the schema does not declare after
the declared ones (dbt appends a config's extra keys).

    python3 validate_artifact.py SCHEMA.json ARTIFACT.json

Exit status: 0 valid, 1 invalid (problems on stdout), 2 when the `jsonschema` package is missing.
Needs Python 3 with `jsonschema` (pip install jsonschema); used by Tests/ArtifactsTests.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.stderr.write("validate_artifact.py: the Python package 'jsonschema' is missing "
                     "(python3 -m pip install jsonschema)\n")
    sys.exit(2)


def closest_branch_error(error):
    """For "not valid under any of the given schemas", the complaint of the branch meant: not one
    whose `resource_type` (or other `const`) differs, and among the rest the one with fewest errors."""
    branches = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    candidates = [errors for errors in branches.values()
                  if not any(sub.validator == "const" and len(sub.relative_path) == 1 for sub in errors)]
    chosen = min(candidates or list(branches.values()), key=len)
    return min(chosen, key=lambda sub: len(sub.relative_path))


def check_order(validator, instance, schema, path, problems):
    if not isinstance(schema, dict):
        return
    if "anyOf" in schema:
        for branch in schema["anyOf"]:
            if validator.evolve(schema=branch).is_valid(instance):
                check_order(validator, instance, branch, path, problems)
                return
        return
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        additional = schema.get("additionalProperties")
        keys = list(instance)
        known = [key for key in keys if key in properties]
        order = list(properties)
        if known != sorted(known, key=order.index):
            problems.append(f"{path or '/'}: keys {known} are not in dbt's order "
                            f"{[key for key in order if key in known]}")
        extras = [key for key in keys if key not in properties]
        if properties and extras and known and keys.index(extras[0]) < keys.index(known[-1]):
            problems.append(f"{path or '/'}: extra key {extras[0]!r} comes before declared key {known[-1]!r}")
        for key, value in instance.items():
            if key in properties:
                check_order(validator, value, properties[key], f"{path}/{key}", problems)
            elif isinstance(additional, dict):
                check_order(validator, value, additional, f"{path}/{key}", problems)
    elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(instance):
            check_order(validator, item, schema["items"], f"{path}/{index}", problems)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(sys.argv[2], encoding="utf-8") as handle:
        artifact = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema)
    problems = []
    for error in sorted(validator.iter_errors(artifact), key=lambda error: list(map(str, error.absolute_path))):
        if error.context:
            error = closest_branch_error(error)
        problems.append(f"/{'/'.join(str(part) for part in error.absolute_path)}: {error.message[:400]}")
    if not problems:
        check_order(validator, artifact, schema, "", problems)
    for problem in problems[:50]:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())

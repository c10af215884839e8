"""Writes operations_check.ts: every documented error body of an OpenAPI
document's operations, as TypeScript values typed by openapi-typescript.

    python write_operations_check.py DOCUMENT MODULE OUT

Each example body is assigned to its own code's schema (the `$ref` of the
response's union whose `x-code` is the body's code) and to the
operation's response type; one body per status with a code the document
does not list is assigned to the response type. `tsc --strict` then
fails on any body the generated types do not accept, excess properties
included.
"""

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from documented_bodies import error_responses, unknown_body  # noqa: E402

def own_schema(doc, response, body):
    """The component name of the union member that documents `body`."""
    error = body.get("error", body)
    schema = response["content"]["application/json"]["schema"]
    for member in schema.get("anyOf", schema.get("oneOf", [schema])):
        name = member.get("$ref", "").rsplit("/", 1)[-1]
        if doc["components"]["schemas"].get(name, {}).get("x-code") == error.get("code"):
            return name
    return None


def main(document, module, out):
    doc = json.load(open(document))
    lines = [
        "// Written by write_operations_check.py; compiled by scripts/check-clients.sh.",
        f'import type {{ components, operations }} from "./{module}";',
        "",
        "type Schemas = components[\"schemas\"];",
        "",
    ]
    count = 0
    for op, status, response, bodies in error_responses(doc):
        ty = f'operations["{op}"]["responses"][{status}]["content"]["application/json"]'
        if not bodies:
            sys.exit(f"{op} {status}: no documented example")
        for body in bodies:
            name = own_schema(doc, response, body)
            if name is None:
                sys.exit(f"{op} {status}: no schema of the union has code {body}")
            value = f"v{count}"
            lines.append(f'const {value}: Schemas["{name}"] = {json.dumps(body)};')
            lines.append(f"export const r{count}: {ty} = {value};")
            count += 1
        lines.append(f"export const r{count}: {ty} = {json.dumps(unknown_body(bodies[0]))};")
        count += 1
    open(out, "w").write("\n".join(lines) + "\n")
    print(f"typescript client (openapi-typescript): {count} bodies written for tsc --strict")


if __name__ == "__main__":
    main(*sys.argv[1:])

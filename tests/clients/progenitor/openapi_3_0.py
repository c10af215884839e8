"""Rewrites an OpenAPI 3.1 document as 3.0.3, for progenitor, which reads
3.0 only (utoipa writes 3.1).

    python openapi_3_0.py IN OUT

Only what 3.1 adds and errcat's and utoipa's documents use is rewritten:
`type: [T, "null"]` becomes `type: T, nullable: true`, `const` becomes a
one-value `enum`, a schema's `examples` list becomes `example` (its first
item), and `info.license.identifier` is dropped. Anything else 3.1-only
stops the script, so a new construct is noticed rather than mangled.
"""

import json
import sys

SCHEMA_KEYS_3_1_ONLY = {"$defs", "prefixItems", "contentMediaType", "unevaluatedProperties", "if", "then", "else", "dependentSchemas"}


def schema(node):
    if isinstance(node, list):
        return [schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in SCHEMA_KEYS_3_1_ONLY:
            sys.exit(f"openapi_3_0.py: `{key}` has no 3.0 form")
        if key == "type" and isinstance(value, list):
            types = [t for t in value if t != "null"]
            if len(types) != 1:
                sys.exit(f"openapi_3_0.py: type {value} has no 3.0 form")
            out["type"] = types[0]
            out["nullable"] = "null" in value
        elif key == "const":
            out["enum"] = [value]
        elif key == "examples" and isinstance(value, list):
            if value:
                out["example"] = schema(value[0])
        elif key in ("properties", "patternProperties"):
            out[key] = {name: schema(s) for name, s in value.items()}
        elif key in ("items", "additionalProperties", "not", "anyOf", "oneOf", "allOf"):
            out[key] = schema(value)
        else:
            out[key] = value
    return out


def walk(node):
    """Rewrites every `schema` and `components.schemas` member below node."""
    if isinstance(node, list):
        return [walk(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "schema":
            out[key] = schema(value)
        elif key == "schemas" and isinstance(value, dict):
            out[key] = {name: schema(s) for name, s in value.items()}
        else:
            out[key] = walk(value)
    return out


def main(source, target):
    doc = json.load(open(source))
    doc = walk(doc)
    doc["openapi"] = "3.0.3"
    doc.get("info", {}).get("license", {}).pop("identifier", None)
    json.dump(doc, open(target, "w"), indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:])

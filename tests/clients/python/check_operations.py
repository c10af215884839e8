"""Decodes every documented error body with a client openapi-python-client
generated from the reference service's OpenAPI document.

    python check_operations.py CLIENT_PARENT_DIR PACKAGE DOCUMENT

For each operation and each error status of the document, every example
body the response documents goes through the generated `_parse_response`
(as if the server had sent it) and must come back as a typed model of its
own code, not the catch-all envelope, whose `to_dict()` equals the body
field by field. One body per status with a code the document does not
know must decode too (as the catch-all), unchanged.
"""

import importlib
import json
import pathlib
import sys

import httpx

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from documented_bodies import UNKNOWN_CODE, error_responses, unknown_body  # noqa: E402


def decode(module, client_cls, status, body):
    client = client_cls(base_url="http://service.test", raise_on_unexpected_status=True)
    request = httpx.Request("GET", "http://service.test/")
    response = httpx.Response(status, json=body, request=request)
    return module._parse_response(client=client, response=response)


def main(parent, package, document):
    sys.path.insert(0, parent)
    client_cls = importlib.import_module(f"{package}.client").Client
    doc = json.load(open(document))
    checked = failures = 0
    for name, status, _response, bodies in error_responses(doc):
        module = importlib.import_module(f"{package}.api.default.{name}")
        if not bodies:
            print(f"FAIL {name} {status}: no documented example")
            failures += 1
            continue
        unknown = unknown_body(bodies[0])
        catch_all = type(decode(module, client_cls, int(status), unknown))
        for body in bodies + [unknown]:
            checked += 1
            label = body.get("error", body).get("code")
            try:
                value = decode(module, client_cls, int(status), body)
                got = value.to_dict()
            except Exception as e:  # noqa: BLE001 - any failure is reported
                print(f"FAIL {name} {status} {label}: {type(e).__name__}: {e}")
                failures += 1
                continue
            typed = label == UNKNOWN_CODE or type(value) is not catch_all
            if got != body or not typed:
                why = "decoded as the catch-all" if not typed else f"{got} != {body}"
                print(f"FAIL {name} {status} {label}: {why}")
                failures += 1
    print(f"python client (openapi-python-client): {checked - failures}/{checked} bodies decode field by field")
    if failures or not checked:
        sys.exit(1)


if __name__ == "__main__":
    main(*sys.argv[1:])

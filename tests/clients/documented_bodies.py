"""The error bodies an OpenAPI document shows for its operations, shared by
the client checks (python/check_operations.py and
typescript/write_operations_check.py)."""

import json

UNKNOWN_CODE = "a_code_added_after_this_client"


def unknown_body(known):
    """A body of the document's envelope with a code it does not list."""
    body = json.loads(json.dumps(known))
    error = body["error"] if "error" in body else body
    error["code"] = UNKNOWN_CODE
    error["message"] = "A newer server's error."
    error.pop("details", None)
    return body


def error_responses(doc):
    """(operationId, status, response, example bodies) for every error
    status of every operation, in path, method and status order."""
    for _path, operations in sorted(doc["paths"].items()):
        for _method, operation in sorted(operations.items()):
            for status, response in sorted(operation["responses"].items()):
                if not status.isdigit() or int(status) < 400:
                    continue
                examples = response["content"]["application/json"].get("examples", {})
                bodies = [x["value"] for _, x in sorted(examples.items())]
                yield operation["operationId"], status, response, bodies

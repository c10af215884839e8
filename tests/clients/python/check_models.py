"""A Python client's models of the demonstration catalogue's errors, made by
datamodel-code-generator (pydantic v2) from generated-docs/payments/openapi.yaml,
accept what a server sends today and tomorrow:

- every documented example body, with its message reworded;
- a body with a code the document has never seen;
- and the nested objects carry the catalogue's names.

    python check_models.py MODELS.py OPENAPI.json

scripts/check-clients.sh generates MODELS.py with
`datamodel-codegen --input-file-type openapi --output-model-type
pydantic_v2.BaseModel --enum-field-as-literal one` and runs this.
"""

import copy
import importlib.util
import json
import sys
from typing import Union

from pydantic import TypeAdapter

spec = importlib.util.spec_from_file_location("payments_models", sys.argv[1])
m = importlib.util.module_from_spec(spec)
sys.modules["payments_models"] = m
spec.loader.exec_module(m)
document = json.load(open(sys.argv[2]))

# Named after the catalogue, not Error1, Error2...
for name in ["PaymentsCardDeclinedDetails", "PaymentsCardDeclinedDeclineCode",
             "PaymentsCardDeclinedError", "PaymentsRateLimitedWindow",
             "PaymentsValidationFailedDetailsItem", "PaymentsErrorBodyError"]:
    assert hasattr(m, name), f"no model named {name}"
numbered = [n for n in dir(m) if n.rstrip("0123456789") in ("Error", "Code", "Meta", "Details") and n[-1].isdigit()]
assert not numbered, f"numbered models: {numbered}"

def resolve(schema):
    """The schema a `$ref` points at, or the schema itself."""
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def model_of(component):
    """The class datamodel-code-generator makes of a component name."""
    prefix, _, key = component.partition("_")
    return getattr(m, prefix + "".join(w[:1].upper() + w[1:] for w in key.split("_")))

# Every documented example, its message reworded, fits its error's model.
checked = 0
for key, response in document["components"]["responses"].items():
    for example in response["content"]["application/json"].get("examples", {}).values():
        body = copy.deepcopy(example["value"])
        body["error"]["message"] = "Reworded: " + body["error"]["message"][::-1]
        code = body["error"]["code"]
        component = next(name for name, schema in document["components"]["schemas"].items()
                         if schema.get("x-code") == code and "error" in name.lower())
        error = resolve(document["components"]["schemas"][component]["properties"]["error"])
        stable = "enum" in error["properties"]["message"]
        if stable:
            continue  # the catalogue declares this text stable
        model_of(component).model_validate(body)
        checked += 1
assert checked >= 8, checked

# A documented body decodes as its error, typed.
declined = {"success": False, "error": {
    "code": "CARD_DECLINED", "category": "PAYMENT", "status": 402,
    "message": "We could not charge this card (reworded).",
    "details": {"decline_code": "lost_card", "charge_id": "ch_1"},
    "docs": "https://docs.acme.example/payments/errors#card_declined", "retryable": False},
    "meta": {}}
value = TypeAdapter(Union[m.PaymentsError402, m.PaymentsError]).validate_python(declined)
assert isinstance(value, m.PaymentsError402), type(value)
assert isinstance(value.root, m.PaymentsErrorCardDeclined), type(value.root)
assert value.root.error.details.decline_code == m.PaymentsCardDeclinedDeclineCode.lost_card

# A code added after the document was written: the envelope accepts it.
future = copy.deepcopy(declined)
future["error"]["code"] = "CARD_SUSPENDED"
future["error"]["category"] = "RISK"
future["error"]["details"] = {"until": "2027-01-01"}
value = TypeAdapter(Union[m.PaymentsError402, m.PaymentsError]).validate_python(future)
assert isinstance(value, m.PaymentsError), type(value)
assert value.error.code == "CARD_SUSPENDED"

print(f"python client: {checked} example bodies with reworded messages, a typed body and an unknown code accepted")

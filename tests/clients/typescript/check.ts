// A TypeScript client of the demonstration catalogue's errors, typed by
// openapi-typescript from generated-docs/payments/openapi.yaml and compiled
// with `tsc --strict` (scripts/check-clients.sh writes ./payments.ts).
//
// It proves three things of the generated document: narrowing on the code
// gives each documented error its typed details; a body with a code the
// document has never seen, or with a reworded message, still type-checks;
// and the code list can be used at run time to tell the two apart.

import type { components } from "./payments";
import { paymentsErrorCodeValues } from "./payments";

type Schemas = components["schemas"];
type Body402 = components["responses"]["PaymentsError_402"]["content"]["application/json"];
type Documented402 = Schemas["PaymentsError_402"];

/** Whether the body's code is one the document lists. */
function isDocumented(body: Body402): body is Documented402 {
  return (paymentsErrorCodeValues as readonly string[]).includes(body.error.code);
}

export function explain(body: Body402): string {
  if (!isDocumented(body)) {
    // A code added after this client was generated: still an error body.
    return `error ${body.error.code}: ${body.error.message}`;
  }
  const error = body.error;
  switch (error.code) {
    case "CARD_DECLINED": {
      // Narrowed: the details are typed, down to the enum of decline codes.
      const reason: "insufficient_funds" | "lost_card" | "stolen_card" | "do_not_honor" =
        error.details.decline_code;
      const charge: string = error.details.charge_id;
      return `declined (${reason}) for ${charge}`;
    }
    case "CARD_EXPIRED": {
      // @ts-expect-error: an expired card has no details.
      const none = error.details;
      return error.message + String(none);
    }
    default: {
      // Every documented code of this status is handled above.
      const unreachable: never = error;
      return unreachable;
    }
  }
}

// A code the document has never seen type-checks as a 402 body.
export const future: Body402 = {
  success: false,
  error: {
    code: "CARD_SUSPENDED",
    category: "RISK",
    message: "Suspended until further notice.",
    details: { until: "2027-01-01" },
    docs: "https://docs.acme.example/payments/errors#card_suspended",
  },
  meta: {},
};

// So does a documented error whose message was reworded.
export const reworded: Body402 = {
  success: false,
  error: {
    code: "CARD_DECLINED",
    category: "PAYMENT",
    status: 402,
    message: "We could not charge this card.",
    details: { decline_code: "lost_card", charge_id: "ch_1" },
    docs: "https://docs.acme.example/payments/errors#card_declined",
    retryable: false,
  },
  meta: {},
};

// A wrongly typed detail does not.
export const wrong: Schemas["PaymentsCardDeclinedDetails"] = {
  // @ts-expect-error: not one of the decline codes.
  decline_code: "cosmic_rays",
  charge_id: "ch_1",
};

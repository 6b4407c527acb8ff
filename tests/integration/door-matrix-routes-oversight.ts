// The door matrix's rows for oversight (issue 13): the partnership's measures, their downloads and print view, and the
// audit trails of who viewed and changed a child's record (decision 042), the partnership's and each case's. The
// conventions are at the top of door-matrix-routes.ts.
import type { RouteEntry } from "./door-matrix-routes";
import { refused, signedOut } from "./door-matrix-routes-doors";

export const oversightRouteDoors: Record<string, RouteEntry> = {
  // Who viewed and changed a child's record (decision 042): a case's trail for managers of an agency on the case (and
  // partnership managers who read the case); the partnership's for partnership managers. Each download as its page.
  "cases.$caseId_.audit": {
    insider: { as: "teamManager", path: "/cases/1/audit", status: 200 },
    doors: [
      signedOut("/cases/1/audit"),
      refused("socialWorker", "/cases/1/audit", 404),
      refused("earlyHelpManager", "/cases/1/audit", 404),
      refused("partnershipAdmin", "/cases/1/audit", 404),
      refused("teamManager", "/cases/999999/audit", 404),
    ],
  },
  "cases.$caseId.audit_.csv": {
    insider: { as: "teamManager", path: "/cases/1/audit/csv", status: 200 },
    doors: [
      signedOut("/cases/1/audit/csv"),
      refused("police", "/cases/1/audit/csv", 404),
      refused("earlyHelpManager", "/cases/1/audit/csv", 404),
      refused("partnershipAdmin", "/cases/1/audit/csv", 404),
    ],
  },
  "oversight.audit": {
    insider: { as: "partnershipManager", path: "/oversight/audit", status: 200 },
    doors: [signedOut("/oversight/audit"), refused("teamManager", "/oversight/audit", 404), refused("partnershipAdmin", "/oversight/audit", 404)],
  },
  "oversight.audit_.csv": {
    insider: { as: "partnershipManager", path: "/oversight/audit/csv", status: 200 },
    doors: [signedOut("/oversight/audit/csv"), refused("teamManager", "/oversight/audit/csv", 404), refused("health", "/oversight/audit/csv", 404)],
  },
  "oversight.second-factors": {
    insider: { as: "partnershipManager", path: "/oversight/second-factors", status: 200 },
    doors: [
      signedOut("/oversight/second-factors"),
      signedOut("/oversight/second-factors", "POST", { intent: "withdraw", agencyId: "larkfield-primary" }),
      refused("teamManager", "/oversight/second-factors", 404),
      refused("partnershipAdmin", "/oversight/second-factors", 404),
      refused("policeAdmin", "/oversight/second-factors", 404, "POST", { intent: "record", agencyId: "kestrel-vale-police", reason: "x" }),
    ],
  },
  // Oversight (issue 13): partnership managers read the whole; an agency's managers (Priya Shah, social care) their
  // own agency's part only; everyone else, and a manager asking for another agency's part, gets 404.
  "oversight._index": {
    insider: { as: "teamManager", path: "/oversight", status: 200 },
    doors: [
      signedOut("/oversight"),
      refused("police", "/oversight", 404),
      refused("partnershipAdmin", "/oversight", 404),
      refused("chair", "/oversight", 404),
      refused("teamManager", "/oversight?agency=kestrel-vale-police", 404),
    ],
  },
  "oversight.$measureId": {
    insider: { as: "partnershipManager", path: "/oversight/contacts-in-time", status: 200 },
    doors: [
      signedOut("/oversight/contacts-in-time"),
      refused("socialWorker", "/oversight/contacts-in-time", 404),
      refused("earlyHelpManager", "/oversight/contacts-in-time?agency=sandmere-childrens-services", 404),
      refused("partnershipManager", "/oversight/no-such-measure", 404),
    ],
  },
  "oversight.$measureId_.csv": {
    insider: { as: "partnershipManager", path: "/oversight/contacts-in-time/csv?table=figures", status: 200 },
    doors: [
      signedOut("/oversight/contacts-in-time/csv?table=figures"),
      refused("police", "/oversight/contacts-in-time/csv?table=figures", 404),
      refused("teamManager", "/oversight/contacts-in-time/csv?table=figures&agency=kestrel-vale-police", 404),
      refused("partnershipManager", "/oversight/contacts-in-time/csv?table=secrets", 404),
    ],
  },
  "oversight.print": {
    insider: { as: "earlyHelpManager", path: "/oversight/print", status: 200 },
    doors: [signedOut("/oversight/print"), refused("health", "/oversight/print", 404), refused("gpAdmin", "/oversight/print", 404)],
  },
};

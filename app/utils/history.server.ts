// The guard of every history page: the point in a document's history its address asks for, and the audit of a view.
import type { AppLoadContext } from "@remix-run/node";
import type { CaseFacts } from "../../server/access/policy";
import { parseDocumentName, type DocumentName } from "../../server/documents/registry";
import type { SignedIn } from "./auth.server";
import { audit, notFound } from "./permissions.server";

export type HistoryPoint = { name: DocumentName; atSeq: number | null };

/**
 * The document's typed name, and the point `?at=<seq>` asks for (null: none). A 404 for a name of no known kind or an
 * `at` that is not a point's number. The caller has judged the document's record with the policy.
 */
export function requireHistoryPoint(request: Request, document: string): HistoryPoint {
  const name = parseDocumentName(document);
  if (!name) throw notFound();
  const at = new URL(request.url).searchParams.get("at");
  const atSeq = at && /^\d{1,15}$/.test(at) ? Number(at) : null;
  if (at !== null && atSeq === null) throw notFound();
  return { name, atSeq };
}

/** Audits a history page shown: the document, and the point when one was asked for. */
export async function auditHistoryViewed(context: AppLoadContext, signedIn: SignedIn, facts: CaseFacts, { name, atSeq }: HistoryPoint) {
  await audit(context, signedIn, {
    action: "view:document-history",
    outcome: "success",
    caseId: facts.caseId,
    target: `document:${name.name}`,
    details: atSeq === null ? {} : { at: atSeq },
  });
}

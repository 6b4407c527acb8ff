// The guard of every history page: the point in a document's history its address asks for, and the audit of a view;
// and the one loader every history page shares once it has judged its document's record.
import type { AppLoadContext } from "@remix-run/node";
import type { DocumentParts } from "../../server/documents/document-sections";
import { readDocumentHistory, type HistoryOf } from "../../server/documents/read-document-history";
import { parseDocumentName, type DocumentName } from "../../server/documents/registry";
import type { SignedIn } from "./auth.server";
import { audit, notFound } from "./permissions.server";

export type HistoryPoint = { name: DocumentName; atSeq: number | null };

/**
 * The document's typed name, and the point `?at=<seq>` asks for (null: none). A 404 for a name of no known kind or an
 * `at` that is not a point's number. The caller has judged the document's record with the policy.
 */
function requireHistoryPoint(request: Request, document: string): HistoryPoint {
  const name = parseDocumentName(document);
  if (!name) throw notFound();
  const at = new URL(request.url).searchParams.get("at");
  const atSeq = at && /^\d{1,15}$/.test(at) ? Number(at) : null;
  if (at !== null && atSeq === null) throw notFound();
  return { name, atSeq };
}

/** Audits a history page shown: the document, and the point when one was asked for. */
async function auditHistoryViewed(context: AppLoadContext, signedIn: SignedIn, on: HistoryOf, { name, atSeq }: HistoryPoint) {
  await audit(context, signedIn, {
    action: "view:document-history",
    outcome: "success",
    caseId: "caseId" in on ? on.caseId : null,
    target: `document:${name.name}`,
    details: atSeq === null ? {} : { at: atSeq },
  });
}

/**
 * A history page's data: the document's changes by person and agency, and how it read at the point `?at=` asks for (a
 * 404 for no such point), audited. The caller has judged the document's record with the policy. `agencies`: whose
 * parts the document has, by name (a core group's notes).
 */
export async function loadDocumentHistory(
  request: Request,
  context: AppLoadContext,
  signedIn: SignedIn,
  on: HistoryOf,
  document: string,
  agencies?: DocumentParts,
) {
  const point = requireHistoryPoint(request, document);
  const page = await readDocumentHistory(context.services.sql, on, point.name, point.atSeq, agencies);
  if (!page) throw notFound();
  await auditHistoryViewed(context, signedIn, on, point);
  return page;
}

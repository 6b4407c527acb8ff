// The history page of any collaborative document on a case: who changed it, by person and agency, and how it read at
// any stored point. The caller has judged the document's record with the policy (the same one the collaboration
// server applies) before calling.
import type { AppLoadContext } from "@remix-run/node";
import type { CaseFacts } from "../../server/access/policy";
import { documentAt, listDocumentHistory } from "../../server/collab/document-history";
import { parseDocumentName } from "../../server/documents/registry";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { documentSections } from "../../server/maps/read-map";
import type { SignedIn } from "./auth.server";
import { formatDateTime } from "../../common/format";
import { audit, notFound } from "./permissions.server";

export async function loadDocumentHistory(
  request: Request,
  context: AppLoadContext,
  signedIn: SignedIn,
  facts: CaseFacts,
  document: string,
) {
  const name = parseDocumentName(document);
  if (!name) throw notFound();
  const { sql } = context.services;
  const atParam = new URL(request.url).searchParams.get("at");
  const atSeq = atParam && /^\d{1,15}$/.test(atParam) ? Number(atParam) : null;
  const version = atSeq === null ? null : await documentAt(sql, document, atSeq, (doc) => documentSections(name, doc));
  if (atParam !== null && !version) throw notFound();
  const [sheet, history] = await Promise.all([getFrontSheet(sql, facts.caseId), listDocumentHistory(sql, document)]);
  await audit(context, signedIn, {
    action: "view:document-history",
    outcome: "success",
    caseId: facts.caseId,
    target: `document:${document}`,
    details: atSeq === null ? {} : { at: atSeq },
  });
  return {
    caseId: facts.caseId,
    childName: sheet?.child?.fullName ?? "the child",
    reference: sheet?.reference ?? "",
    atSeq,
    version: version ? { at: formatDateTime(version.at), sections: version.content } : null,
    history: history.map((entry) => ({
      seq: entry.seq,
      who: `${entry.fullName} (${entry.agencyName})`,
      when: formatDateTime(entry.to),
      changes: entry.changes,
    })),
  };
}

export type DocumentHistoryData = Awaited<ReturnType<typeof loadDocumentHistory>>;

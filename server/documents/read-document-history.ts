// The history page of any collaborative document, on a case or on a contact at the front door: who changed it, by person and agency, and how it read at
// any stored point. The caller has judged the document's record with the policy (the same one the collaboration
// server applies) before calling, and audits the view.
import type { Sql } from "../../db/client";
import type { CaseFacts } from "../access/policy";
import { getFrontSheet } from "../cases/get-front-sheet";
import { documentAt, listDocumentHistory } from "../collab/document-history";
import { documentSections, type DocumentParts } from "./document-sections";
import { formatDateTime } from "../../common/format";
import type { DocumentName } from "./registry";

/** What a document is on: a case, or a contact at the front door (named by its referral and its children). */
export type HistoryOf = CaseFacts | { contactId: number; childNames: string };

/**
 * The history, and the document as it stood at `atSeq` when one is asked for; null when there is no such point.
 * `agencies`: whose parts the document has, by name (a core group's notes).
 */
export async function readDocumentHistory(sql: Sql, on: HistoryOf, name: DocumentName, atSeq: number | null, agencies: DocumentParts = []) {
  const document = name.name;
  const version = atSeq === null ? null : await documentAt(sql, document, atSeq, (doc) => documentSections(name, doc, agencies));
  if (atSeq !== null && !version) return null;
  const onContact = "contactId" in on;
  const [sheet, history] = await Promise.all([onContact ? null : getFrontSheet(sql, on.caseId), listDocumentHistory(sql, document)]);
  return {
    caseId: onContact ? null : on.caseId,
    childName: onContact ? on.childNames : (sheet?.child?.fullName ?? "the child"),
    reference: onContact ? `Referral R-${on.contactId}` : (sheet?.reference ?? ""),
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

export type DocumentHistoryData = NonNullable<Awaited<ReturnType<typeof readDocumentHistory>>>;

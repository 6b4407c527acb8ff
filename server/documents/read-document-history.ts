// The history page of any collaborative document on a case: who changed it, by person and agency, and how it read at
// any stored point. The caller has judged the document's record with the policy (the same one the collaboration
// server applies) before calling, and audits the view.
import type { Sql } from "../../db/client";
import type { CaseFacts } from "../access/policy";
import { getFrontSheet } from "../cases/get-front-sheet";
import { documentAt, listDocumentHistory } from "../collab/document-history";
import { documentSections, type DocumentParts } from "./document-sections";
import { formatDateTime } from "../../common/format";
import type { DocumentName } from "./registry";

/**
 * The history, and the document as it stood at `atSeq` when one is asked for; null when there is no such point.
 * `agencies`: whose parts the document has, by name (a core group's notes).
 */
export async function readDocumentHistory(sql: Sql, facts: CaseFacts, name: DocumentName, atSeq: number | null, agencies: DocumentParts = []) {
  const document = name.name;
  const version = atSeq === null ? null : await documentAt(sql, document, atSeq, (doc) => documentSections(name, doc, agencies));
  if (atSeq !== null && !version) return null;
  const [sheet, history] = await Promise.all([getFrontSheet(sql, facts.caseId), listDocumentHistory(sql, document)]);
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

export type DocumentHistoryData = NonNullable<Awaited<ReturnType<typeof readDocumentHistory>>>;

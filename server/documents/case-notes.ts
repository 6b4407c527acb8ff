// A case's live notes: `case:<id>:notes`.
import { caseNotesResource } from "../access/resources";
import { idPattern, type DocumentKind } from "./kind";

export type CaseNotesName = { kind: "case-notes"; caseId: number; name: string };

const pattern = new RegExp(`^case:${idPattern}:notes$`);

export const caseNotesName = (caseId: number) => `case:${caseId}:notes`;

export const caseNotes: DocumentKind<CaseNotesName> = {
  kind: "case-notes",
  parse(name) {
    const match = pattern.exec(name);
    return match ? { kind: "case-notes", caseId: Number(match[1]), name } : null;
  },
  resolve: async (_sql, _name, facts) => caseNotesResource(facts),
};

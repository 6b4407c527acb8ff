// An agency's restricted notes on a case: `case:<id>:agency:<agency>:notes`.
import { agencyNotesResource } from "../access/resources";
import { agencyPattern, idPattern, type DocumentKind } from "./kind";

export type AgencyNotesName = { kind: "agency-notes"; caseId: number; agencyId: string; name: string };

const pattern = new RegExp(`^case:${idPattern}:agency:${agencyPattern}:notes$`);

export const agencyNotesName = (caseId: number, agencyId: string) => `case:${caseId}:agency:${agencyId}:notes`;

export const agencyNotes: DocumentKind<AgencyNotesName> = {
  kind: "agency-notes",
  parse(name) {
    const match = pattern.exec(name);
    return match ? { kind: "agency-notes", caseId: Number(match[1]), agencyId: match[2], name } : null;
  },
  resolve: (sql, name, facts) => agencyNotesResource(sql, facts, name.agencyId),
};

// A core group's notes, `case:<id>:core-group:<cg>:notes`: one live document with a part per agency (a fragment named
// `agency:<agency>`), co-edited by the core group's members until the lead social worker signs them off.
import { coreGroupNotesResource } from "../access/core-group-resources";
import { loadCoreGroupFacts } from "../core-groups/core-groups";
import { idPattern, type DocumentKind } from "./kind";
import type { DocumentNaming } from "./live-document-view";

export type CoreGroupNotesName = { kind: "core-group-notes"; caseId: number; coreGroupId: number; name: string };

const pattern = new RegExp(`^case:${idPattern}:core-group:${idPattern}:notes$`);

export const coreGroupNotesName = (caseId: number, coreGroupId: number) => `case:${caseId}:core-group:${coreGroupId}:notes`;

/** The notes as a read-only notice names them: only the core group's members write them, not everyone on the case. */
export const coreGroupNotesNaming: DocumentNaming = { what: "these notes", writers: "the core group's members" };

export const coreGroupNotes: DocumentKind<CoreGroupNotesName> = {
  kind: "core-group-notes",
  parse(name) {
    const match = pattern.exec(name);
    return match ? { kind: "core-group-notes", caseId: Number(match[1]), coreGroupId: Number(match[2]), name } : null;
  },
  async resolve(sql, name, facts) {
    const group = await loadCoreGroupFacts(sql, name.caseId, name.coreGroupId);
    return group ? coreGroupNotesResource(facts, group) : null;
  },
};

// The policy question behind each control on a core group's page. The loader asks `can` which controls to offer; the
// action asks `authorize` the very same question before it changes anything (decision 023), so the page offers
// nothing the server would refuse, and what it does not offer is refused (403, audited) when posted directly.
import { can, type Actor, type CaseFacts } from "../access/policy";
import {
  coreGroupMemberResource,
  coreGroupNotesResource,
  coreGroupResource,
  coreGroupSectionResource,
  planActionResource,
  type CoreGroupFacts,
} from "../access/core-group-resources";
import { planResource } from "../access/resources";
import type { PolicyQuestion } from "../meetings/meeting-controls";

export type CoreGroupOnPage = { facts: CaseFacts; group: CoreGroupFacts & { planEnded: boolean } };

const planOf = ({ group }: CoreGroupOnPage) => ({ leadUserId: group.leadUserId, endedOn: group.planEnded ? "ended" : null });

export const coreGroupQuestions = {
  /** The lead social worker's part: sign-off. */
  lead: ({ facts, group }: CoreGroupOnPage): PolicyQuestion => ["chair:meeting", coreGroupResource(facts, group)],
  /** After sign-off, who received the notes: the lead social worker's to record, as it was theirs to sign off. */
  distribution: ({ facts, group }: CoreGroupOnPage): PolicyQuestion => ["chair:meeting", coreGroupResource(facts, { ...group, signedOff: false })],
  /** One member's attendance: the lead social worker's to record, or the member's own. */
  attendance: ({ facts, group }: CoreGroupOnPage, memberUserId: number): PolicyQuestion => ["record:attendance", coreGroupMemberResource(facts, group, memberUserId)],
  /** Whether an agency's part of the notes goes to the family: that agency's say. */
  forFamily: ({ facts, group }: CoreGroupOnPage, agencyId: string): PolicyQuestion => ["mark:for-family", coreGroupSectionResource(facts, group, agencyId)],
  /** How an action stands: its owner agency's to say, or the lead social worker's. */
  progress: ({ facts, group }: CoreGroupOnPage, ownerAgencyId: string): PolicyQuestion => [
    "record:progress",
    planActionResource(facts, { leadUserId: group.leadUserId, ownerAgencyId, signedOff: group.signedOff, planEnded: group.planEnded }),
  ],
  /** A new action for the plan, in its own SMART form: whoever may change the plan. */
  changePlan: (on: CoreGroupOnPage): PolicyQuestion => ["change:plan", planResource(on.facts, planOf(on))],
  /** An addendum once signed off: whoever could have written the notes before. */
  addendum: ({ facts, group }: CoreGroupOnPage): PolicyQuestion => ["write:record", coreGroupNotesResource(facts, { ...group, signedOff: false })],
};

/** Which controls the page offers this person: the same questions the action asks, answered by the policy. */
export function coreGroupControls(actor: Actor, on: CoreGroupOnPage) {
  const ask = ([action, resource]: PolicyQuestion) => can(actor, action, resource);
  return {
    isLead: ask(coreGroupQuestions.lead(on)),
    canRecordDistribution: on.group.signedOff && ask(coreGroupQuestions.distribution(on)),
    canAddAddendum: on.group.signedOff && ask(coreGroupQuestions.addendum(on)),
    canChangePlan: ask(coreGroupQuestions.changePlan(on)),
    mayRecordAttendanceOf: (memberUserId: number) => ask(coreGroupQuestions.attendance(on, memberUserId)),
    mayMarkForFamily: (agencyId: string) => ask(coreGroupQuestions.forFamily(on, agencyId)),
    mayRecordProgressOf: (ownerAgencyId: string) => ask(coreGroupQuestions.progress(on, ownerAgencyId)),
  };
}

// A change to a case's work (its plan, a core group, a meeting's sign-off) shown on more than the case's own pages:
// every open page of the case is told, and so is "Your work" of everyone on the case, where their actions, core
// groups and conferences are listed. The notices carry no content; each page's loader asks the policy what to show.
import type { CaseFacts } from "../access/policy";
import type { ChangeNotice, EventHub } from "../services";

export function announceCaseWork(events: EventHub, facts: Pick<CaseFacts, "caseId" | "memberUserIds">, what: ChangeNotice["what"]): void {
  events.publish({ room: `case:${facts.caseId}`, what });
  for (const userId of facts.memberUserIds) events.publish({ room: `user:${userId}`, what });
}

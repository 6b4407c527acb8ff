// "Your work", composed once for its page: the meetings, conferences and core groups a person is invited to, the
// actions they own on children's plans (overdue first, then by date), the cases they work on, and those they oversee.
import type { Sql } from "../../db/client";
import { formatDate, formatDateOfBirth, formatDateTime } from "../../common/format";
import { progressStatusNames } from "../../common/forms/core-groups";
import { meetingKindNames } from "../../common/meeting-kinds";
import type { Actor } from "../access/policy";
import { dayNumberOrNull } from "../../common/calendar-dates";
import { listCasesForMember, listOverseenCases, type CaseSummary } from "../cases/list-cases";
import { listCoreGroupInvitations } from "../core-groups/core-groups";
import { listInvitations } from "../meetings/meetings";
import { listOpenActions } from "../plans/open-actions";
import { listReferralsBy } from "../referrals/list-referrals";
import { referralStandingWords } from "../../common/forms/contact-decisions";
import { RECEIVED } from "../../common/forms/referrals";
import { listPendingTransitionsFor } from "../transitions/read-transition";
import { transitionNames } from "../../common/forms/transitions";

const days = (count: number) => `${count} ${count === 1 ? "day" : "days"}`;

/** How an action's date stands today, in calendar days: "Overdue by 2 days", "Due today", "Due in 5 days". */
export function actionDue(dueOn: string, today: string): { words: string; overdue: boolean } {
  const left = dayNumberOrNull(dueOn)! - dayNumberOrNull(today)!;
  if (left < 0) return { words: `Overdue by ${days(-left)}`, overdue: true };
  return { words: left === 0 ? "Due today" : `Due in ${days(left)}`, overdue: false };
}

export async function readYourWork(sql: Sql, person: { userId: number; actor: Actor }, now: { today: string; clock: Date }) {
  const [meetings, coreGroups, actions, memberCases, overseenCases, referrals] = await Promise.all([
    listInvitations(sql, person.userId),
    listCoreGroupInvitations(sql, person.userId),
    listOpenActions(sql, { ownerUserId: person.userId }),
    listCasesForMember(sql, person.userId),
    listOverseenCases(sql, person.actor, now.clock),
    listReferralsBy(sql, person.userId),
  ]);
  const child = (name: string | null) => name ?? "a child";
  // A manager answers the steps up and down proposed to their agency (decision 038).
  const pendingTransitions = person.actor.role === "manager" ? await listPendingTransitionsFor(sql, person.actor.agencyId) : [];
  const present = (rows: CaseSummary[]) =>
    rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      childName: row.childName ?? "Child not yet recorded",
      dateOfBirth: formatDateOfBirth(row.childDateOfBirth, now.clock),
      roleOnCase: row.roleOnCase,
      leadName: row.leadName,
      agencyNames: row.agencyNames,
    }));
  const invitations = [
    ...meetings.map((meeting) => ({
      key: `meeting-${meeting.id}`,
      path: `/cases/${meeting.caseId}/meetings/${meeting.id}`,
      at: meeting.heldAt,
      title: `${meetingKindNames[meeting.kind]} for ${child(meeting.childName)}`,
    })),
    ...coreGroups.map((group) => ({
      key: `core-group-${group.id}`,
      path: `/cases/${group.caseId}/core-groups/${group.id}`,
      at: group.heldAt,
      title: `Core group for ${child(group.childName)}`,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    invitations: invitations.map(({ key, path, at, title }) => ({ key, path, title, when: formatDateTime(at) })),
    actions: actions.map((action) => ({
      id: action.id,
      caseId: action.caseId,
      path: `/cases/${action.caseId}/plan#action-${action.id}`,
      childName: child(action.childName),
      caseReference: action.caseReference,
      what: action.what,
      dueOn: formatDate(action.dueOn),
      due: actionDue(action.dueOn, now.today),
      progress: action.progress ? progressStatusNames[action.progress] : "No progress recorded yet",
    })),
    // The referrals this person made: drafts to continue, and those sent with where they stand.
    referrals: referrals.map((referral) => ({
      id: referral.id,
      path: referral.status === "draft" ? `/referrals/${referral.id}/check-answers` : `/referrals/${referral.id}`,
      children: referral.children ?? "No child added yet",
      draft: referral.status === "draft",
      standing: referralStandingWords(referral, RECEIVED),
      when: formatDateTime(referral.submittedAt ?? referral.updatedAt),
    })),
    transitionsToAnswer: pendingTransitions.map((transition) => ({
      id: transition.id,
      path: `/transitions/${transition.id}`,
      title: `${transitionNames[transition.direction].title} for ${child(transition.childName)}`,
      from: transition.fromAgencyName,
      reference: transition.caseReference ?? `Referral R-${transition.contactId}`,
      when: formatDateTime(transition.proposedAt),
    })),
    memberCases: present(memberCases),
    overseenCases: present(overseenCases),
  };
}

export type YourWork = Awaited<ReturnType<typeof readYourWork>>;

// What a core group's page shows, composed once for its loader: the core group and its clock, attendance, the live
// notes with a part per agency and whether each goes to the family, progress against every action of the plan, the
// child's views since the last core group, and after sign-off the addenda and distribution. Each control is offered
// only where the policy allows it (core-group-controls.ts).
import type { Sql } from "../../db/client";
import { formatDate, formatDateTime } from "../../common/format";
import type { Actor, CaseFacts } from "../access/policy";
import { coreGroupNotesResource } from "../access/core-group-resources";
import type { Calendar } from "../calendar/working-days";
import { getFrontSheet } from "../cases/get-front-sheet";
import { coreGroupNotesName, coreGroupNotesNaming } from "../documents/core-group-notes";
import { liveDocumentFor, type LiveDocumentReader } from "../documents/live-document-view";
import { listPlanOwners, ownerOption } from "../plans/plans";
import { readPlan } from "../plans/read-plan";
import { latestProgress, type ActionProgress } from "./action-progress";
import { listAddenda } from "../meetings/addenda";
import { listDistribution, listRecipients } from "./after-sign-off";
import { intervalWords } from "../../common/forms/core-groups";
import { clockView } from "../../common/statutory-clock";
import { coreGroupClocks, getCoreGroupInterval } from "./core-group-clock";
import { coreGroupControls, type CoreGroupOnPage } from "./core-group-controls";
import { childViewsSince } from "./core-group-record";
import { listCoreGroupAttendanceRecorded, listPlanCoreGroups, type CoreGroup } from "./core-groups";
import { listFamilyMarks } from "./family-marks";

const progressView = (said: ActionProgress | undefined) =>
  said
    ? { status: said.status, reason: said.reason, note: said.note, by: `${said.recordedBy} (${said.agencyName})`, at: formatDateTime(said.recordedAt), coreGroupId: said.coreGroupId }
    : null;

export async function readCoreGroupPage(
  sql: Sql,
  calendar: Calendar,
  reader: LiveDocumentReader & { actor: Actor },
  on: CoreGroupOnPage & { coreGroup: CoreGroup },
  today: string,
) {
  const { facts, coreGroup, group } = on;
  const controls = coreGroupControls(reader.actor, on);
  const [sheet, plan, groups, interval, recorded, marks, progressHere, progressEver, addenda, distribution, recipients, owners] = await Promise.all([
    getFrontSheet(sql, facts.caseId),
    readPlan(sql, facts.caseId),
    listPlanCoreGroups(sql, coreGroup.planId),
    getCoreGroupInterval(sql, coreGroup.planId),
    listCoreGroupAttendanceRecorded(sql, coreGroup.id),
    listFamilyMarks(sql, coreGroup.id),
    latestProgress(sql, { planId: coreGroup.planId, coreGroupId: coreGroup.id }),
    latestProgress(sql, { planId: coreGroup.planId }),
    listAddenda(sql, { coreGroupId: coreGroup.id }),
    listDistribution(sql, coreGroup.id),
    listRecipients(sql, coreGroup.id, facts.caseId),
    listPlanOwners(sql, facts.caseId),
  ]);
  const planOfGroup = plan?.id === coreGroup.planId ? plan : null;
  const clocks = planOfGroup ? coreGroupClocks(calendar, { planStartedOn: planOfGroup.startedOn, interval: interval.workingDays, coreGroups: groups, today }) : null;
  const clock = clocks?.byId.get(coreGroup.id);
  const childName = sheet?.child?.fullName ?? "the child";
  const notes = coreGroupNotesResource(facts, group);
  return {
    caseId: facts.caseId,
    childName,
    firstName: childName.split(" ")[0],
    reference: sheet?.reference ?? "",
    coreGroup: {
      id: coreGroup.id,
      number: groups.findIndex((candidate) => candidate.id === coreGroup.id) + 1,
      heldAt: formatDateTime(coreGroup.heldAt),
      how: coreGroup.how,
      lateReason: coreGroup.lateReason,
      signedOff: coreGroup.signedOffAt ? { by: coreGroup.signedOffBy ?? "", at: formatDateTime(coreGroup.signedOffAt) } : null,
    },
    lead: planOfGroup ? `${planOfGroup.leadName} (${planOfGroup.leadAgencyName})` : null,
    clock: clock ? clockView(clock) : null,
    interval: intervalWords(interval.workingDays),
    isLead: controls.isLead,
    attendance: coreGroup.members.map((member) => {
      const mark = recorded.get(member.userId);
      return {
        ...member,
        recorded: mark ? `${mark.recordedBy}, ${formatDateTime(mark.recordedAt)}` : null,
        canRecord: controls.mayRecordAttendanceOf(member.userId),
      };
    }),
    notes: liveDocumentFor(reader, notes, coreGroupNotesName(facts.caseId, coreGroup.id), coreGroupNotesNaming),
    sections: coreGroup.agencies.map((agency) => {
      const mark = marks.get(agency.id);
      return {
        agencyId: agency.id,
        agencyName: agency.name,
        forFamily: mark?.forFamily === true,
        markedBy: mark ? `${mark.recordedBy}, ${formatDateTime(mark.recordedAt)}` : null,
        canMark: controls.mayMarkForFamily(agency.id),
      };
    }),
    outcomes: (planOfGroup?.outcomes ?? []).map((outcome) => ({
      id: outcome.id,
      number: outcome.number,
      wording: outcome.wording,
      actions: outcome.actions.map((action) => ({
        id: action.id,
        number: action.number,
        what: action.what,
        owner: `${action.ownerName} (${action.ownerAgencyName})`,
        dueOn: formatDate(action.dueOn),
        here: progressView(progressHere.get(action.id)),
        latest: progressView(progressEver.get(action.id)),
        canRecord: controls.mayRecordProgressOf(action.ownerAgencyId),
      })),
    })),
    canChangePlan: controls.canChangePlan,
    owners: controls.canChangePlan ? owners.map(ownerOption) : [],
    childViews: planOfGroup ? await childViewsSince(sql, coreGroup, planOfGroup.startedOn) : { since: "the last core group", entries: [] },
    addenda: addenda.map((addendum) => ({ ...addendum, addedAt: formatDateTime(addendum.addedAt) })),
    canAddAddendum: controls.canAddAddendum,
    distribution: distribution.map((sent) => ({ ...sent, sentOn: formatDate(sent.sentOn), recordedAt: formatDateTime(sent.recordedAt) })),
    recipients: controls.canRecordDistribution ? recipients : null,
    you: { userId: reader.user.id },
  };
}

export type CoreGroupPageData = Awaited<ReturnType<typeof readCoreGroupPage>>;

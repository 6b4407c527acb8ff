// Lily's child protection plan, as the lead social worker wrote it up after the conference that made it (outcomes in
// plain words, actions owned by social care, the police, health and the school, all due after the seed's clock, and
// the contingency plan), Lily's words on a home visit since, and its first core group on working day 8: every member
// present, each agency's part of the notes, progress said on every action by the agency that owns it, signed off and
// sent out. Through the server's own functions (lily-story.ts says why).
import * as Y from "yjs";
import { agencyPartOf } from "../../common/core-group-notes";
import { instantInEngland } from "../../common/forms/dates";
import type { ProgressStatus } from "../../common/forms/core-groups";
import { addCalendarDays, addCalendarMonths } from "../../common/calendar-dates";
import { recordChildVoice } from "../../server/cases/child-voice";
import { recordProgress } from "../../server/core-groups/action-progress";
import { listRecipients, recordDistribution } from "../../server/core-groups/after-sign-off";
import { getCoreGroup, recordCoreGroupAttendance } from "../../server/core-groups/core-groups";
import { markForFamily } from "../../server/core-groups/family-marks";
import { readScheduling, scheduleNextCoreGroup } from "../../server/core-groups/schedule-core-group";
import { signOffCoreGroup } from "../../server/core-groups/sign-off-core-group";
import { coreGroupNotesName } from "../../server/documents/core-group-notes";
import { planName } from "../../server/documents/plan";
import { addPlanAction } from "../../server/plans/add-plan-action";
import { addPlanOutcome } from "../../server/plans/add-plan-outcome";
import { storeSeedDocument, storeSeedText, writeParagraphs } from "./documents";
import { signingOffAt, type Story } from "./lily-story";

type SeedAction = {
  what: string;
  why: string;
  owner: string;
  /** Days after the seed's today (or months, for the longest). */
  due: { days: number } | { months: number };
  measure: string;
  /** What its owner said at the first core group. */
  progress: { status: ProgressStatus; reason?: string; note: string };
};

const outcomes: { wording: string; actions: SeedAction[] }[] = [
  {
    wording: "Lily is never in the house when Dean is angry, and she tells us she feels safe at home.",
    actions: [
      {
        what: "Agree a written safety plan with Kerry and Pat: where Lily and Jayden go, and who takes them, if Dean is angry.",
        why: "So Lily has a safe place to go and knows who will take her there.",
        owner: "socialWorker",
        due: { days: 14 },
        measure: "The safety plan is signed by Kerry and Pat, and Lily can say in her own words where she would go.",
        progress: { status: "on_track", note: "Drafted with Kerry and Pat at home; they sign it at the next visit" },
      },
      {
        what: "Tell the lead social worker within one working day of any police call-out to 14 Example Road.",
        why: "So the plan responds the same day if Dean hurts Kerry again.",
        owner: "police",
        due: { days: 28 },
        measure: "Every call-out reported to the core group with the date the lead social worker was told.",
        progress: { status: "on_track", note: "No police attendance at the address since the conference. A marker is on the address" },
      },
    ],
  },
  {
    wording: "Lily goes to school every day, on time, fed and ready to learn.",
    actions: [
      {
        what: "Check Lily's attendance and whether she has had breakfast each morning; tell the lead social worker the same day she is absent.",
        why: "Lily missed 9 days of school since September and came to school hungry.",
        owner: "education",
        due: { days: 42 },
        measure: "Attendance of 95% or more over the half term, and every absence reported the same day.",
        progress: { status: "on_track", note: "Attendance 100% since the conference; Lily goes to breakfast club every day" },
      },
      {
        what: "Arrange a health assessment for Lily with the school nurse, including her height and weight.",
        why: "To know whether Lily's growth and health have suffered.",
        owner: "health",
        due: { days: 21 },
        measure: "The assessment is done and its findings shared with the core group.",
        progress: { status: "not_started", note: "Referral sent to the school nursing team; waiting for a date" },
      },
    ],
  },
  {
    wording: "Kerry understands how Dean's behaviour frightens Lily, and acts to protect her.",
    actions: [
      {
        what: "Refer Kerry to the Freedom Programme and support her to attend.",
        why: "Kerry does not yet accept the risk Dean poses to Lily.",
        owner: "socialWorker",
        due: { months: 2 },
        measure: "Kerry attends at least 8 of the 11 sessions and tells us in her own words what she will do differently.",
        progress: {
          status: "at_risk",
          reason: "The next Freedom Programme course is full; Kerry is on the waiting list for the one after",
          note: "Asked the Sandmere women's centre for one-to-one sessions until a place comes up",
        },
      },
    ],
  },
];

/** Each member agency's part of the first core group's notes. */
const coreGroupNotes: Record<string, string[]> = {
  socialWorker: [
    "Two home visits since the conference, one unannounced. Lily was seen alone both times; her bedroom was warm and tidy.",
    "Dean has been working away; Kerry says he is due back at the end of the month.",
  ],
  police: ["No police attendance at 14 Example Road. Officers will tell Sam Okafor of any call-out within one working day."],
  health: ["Kerry has seen her GP about her low mood and has started counselling."],
  education: ["Lily is settling at breakfast club and has joined the lunchtime art club."],
};

const dueDate = (today: string, due: SeedAction["due"]) => ("days" in due ? addCalendarDays(today, due.days) : addCalendarMonths(today, due.months));

/** The plan's outcomes and actions and its contingency, written by the lead social worker on the conference's day. */
async function writePlan(story: Story, planId: number, days: { today: string; conference: string }) {
  const { sql, caseId, person } = story;
  const lead = person("socialWorker");
  const at = instantInEngland(days.conference, "16:30");
  const actionIds: { id: number; action: SeedAction }[] = [];
  for (const outcome of outcomes) {
    const made = await addPlanOutcome(sql, { caseId, planId, wording: outcome.wording, by: lead.userId, at });
    if (!made.ok) throw new Error(`Lily's plan could not be seeded: ${made.message}`);
    for (const action of outcome.actions) {
      const { owner, due, progress: _, ...smart } = action;
      const added = await addPlanAction(sql, {
        ...smart,
        ownerUserId: person(owner).userId,
        dueOn: dueDate(days.today, due),
        caseId,
        planId,
        outcomeId: made.outcomeId,
        by: lead.userId,
        at,
      });
      if (!added.ok) throw new Error(`Lily's plan could not be seeded: ${added.message}`);
      actionIds.push({ id: added.actionId, action });
    }
  }
  await storeSeedText(
    sql,
    planName(caseId),
    [
      "If Dean comes back to the house when Kerry has said he will not, or there is any further violence, Kerry takes Lily and Jayden to Pat's that day and tells Sam Okafor.",
      "If Kerry cannot keep Lily safe, Sam Okafor will ask the team manager for a strategy discussion the same working day.",
    ],
    lead,
    at,
  );
  return actionIds;
}

/**
 * Lily seen alone in her bedroom on the unannounced home visit after the conference, in her own words: the child's
 * views the first core group hears since the conference.
 */
async function seedVoiceAtHome(story: Story, day: string) {
  await recordChildVoice(story.sql, {
    caseId: story.caseId,
    seenOn: day,
    seenAlone: true,
    whoElsePresent: "",
    worries: "Dean coming home at the end of the month. Mummy being sad in the mornings.",
    goodThings: "Breakfast club, I have toast and jam. Art club. Sleeping at Nanny Pat's.",
    dreams: "Going to the seaside with mummy and Jayden. Being a painter when I'm big.",
    notForFamily: false,
    recordedBy: story.person("socialWorker").userId,
    at: instantInEngland(day, "17:10"),
  });
}

/** The first core group, scheduled at the conference for working day 8 after it, held, its notes signed off and sent. */
async function seedFirstCoreGroup(story: Story, actions: { id: number; action: SeedAction }[], days: { conference: string; firstCoreGroup: string }) {
  const { sql, caseId, calendar, person } = story;
  const lead = person("socialWorker");
  const day = days.firstCoreGroup;
  const scheduling = (await readScheduling(sql, calendar, caseId, days.conference))!;
  const scheduled = await scheduleNextCoreGroup(sql, calendar, scheduling, {
    heldOn: day,
    heldTime: "15:45",
    how: "in_person",
    lateReason: null,
    memberUserIds: ["police", "health", "education"].map((key) => person(key).userId),
    caseId,
    by: lead.userId,
    at: instantInEngland(days.conference, "16:45"),
  });
  if (!scheduled.ok) throw new Error(`Lily's first core group could not be scheduled: ${JSON.stringify(scheduled.errors)}`);
  const coreGroupId = scheduled.id;
  const when = instantInEngland(day, "16:30");

  // One live document, a part per agency, each typed by that agency's member.
  let seq = 0;
  for (const [key, texts] of Object.entries(coreGroupNotes)) {
    const doc = new Y.Doc();
    writeParagraphs(doc.getXmlFragment(agencyPartOf(person(key).agencyId)), texts);
    await storeSeedDocument(sql, coreGroupNotesName(caseId, coreGroupId), doc, person(key).userId, person(key).agencyId, when, ++seq);
  }
  const coreGroup = (await getCoreGroup(sql, caseId, coreGroupId))!;
  await recordCoreGroupAttendance(sql, { coreGroupId, marks: new Map(coreGroup.members.map((m) => [m.userId, "present" as const])), by: lead.userId, at: when });
  for (const { id, action } of actions) {
    const owner = person(action.owner);
    const { status, reason = "", note } = action.progress;
    await recordProgress(sql, { coreGroupId, planId: coreGroup.planId, actionId: id, status, reason, note, by: owner.userId, agencyId: owner.agencyId, at: when });
  }
  await markForFamily(sql, { coreGroupId, agencyId: lead.agencyId, forFamily: true, by: lead.userId, at: when });

  const signed = await signOffCoreGroup(signingOffAt(sql, instantInEngland(day, "17:15")), {
    coreGroup: (await getCoreGroup(sql, caseId, coreGroupId))!,
    today: day,
    by: lead.userId,
  });
  if (!signed.ok) throw new Error(`Lily's first core group could not be signed off: ${signed.problem}`);
  const sentOn = addCalendarDays(day, 1);
  const sentAt = instantInEngland(sentOn, "09:30");
  // Sent the next morning: the family's version to Kerry, the full notes to every other member.
  const recipients = await listRecipients(sql, coreGroupId, caseId);
  const sent = [
    ...recipients.family.filter((r) => r.name.startsWith("Kerry Marsh")).map((r) => ({ name: r.name, kind: "family" as const, version: "family" as const })),
    ...recipients.professionals.filter((r) => r.id !== lead.userId).map((r) => ({ name: r.name, kind: "professional" as const, version: "full" as const })),
  ];
  for (const to of sent)
    await recordDistribution(sql, { coreGroupId, recipientName: to.name, recipientKind: to.kind, version: to.version, sentOn, by: lead.userId, at: sentAt });
  return coreGroupId;
}

/** The plan the conference made, written up, Lily heard at home since, and its first core group held. */
export async function seedLilysPlan(story: Story, planId: number, days: { today: string; conference: string; childSeenAtHome: string; firstCoreGroup: string }) {
  const actions = await writePlan(story, planId, days);
  await seedVoiceAtHome(story, days.childSeenAtHome);
  const coreGroupId = await seedFirstCoreGroup(story, actions, days);
  return { coreGroupId };
}

// Lily's story carried on (DOMAIN.md): a strategy meeting decides on a section 47 enquiry and an initial child
// protection conference; the conference, convened from it within its 15 working days, decides she needs a plan
// (emotional abuse) and signs off, which makes the plan. Told through the server's own functions, the ones the pages
// call, so the seed never disagrees with what the portal writes. Every date is counted back from the seed's clock, so
// the story has always just happened: the plan's actions (lily-plan.ts) fall due after it.
import type { Sql } from "../client";
import { instantInEngland, todayInEngland } from "../../common/forms/dates";
import { addCalendarDays } from "../../common/calendar-dates";
import { addWorkingDays, isWorkingDay, workingDaysBetween, type Calendar } from "../../server/calendar/working-days";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { meetingSectionName } from "../../server/documents/meeting-section";
import { recordScaling } from "../../server/maps/scalings";
import { initialConferenceOrigin } from "../../server/meetings/conference-clocks";
import { recordFamilyAttendance, saveConferenceDecision, saveConferenceViews } from "../../server/meetings/conferences";
import { conveneConference } from "../../server/meetings/convene-conference";
import { markMeetingPart } from "../../server/meetings/family-markings";
import { conveneMeeting, getMeeting, recordAttendance, saveDecisions, type Attendance } from "../../server/meetings/meetings";
import { signOffMeeting } from "../../server/meetings/sign-off-meeting";
import { createEventHub } from "../../server/services";
import { storeSeedText } from "./documents";

/** A demo person working on Lily's case: their account and their agency. */
export type Person = { userId: number; agencyId: string };

export type Story = { sql: Sql; caseId: number; calendar: Calendar; person: (key: string) => Person };

/** What the server's sign-offs need, with the clock stopped at the moment the record was signed off. */
export const signingOffAt = (sql: Sql, at: Date) => ({ sql, events: createEventHub(), clock: () => at });

const onOrBeforeWorkingDay = (calendar: Calendar, date: string): string =>
  isWorkingDay(calendar, date) ? date : onOrBeforeWorkingDay(calendar, addCalendarDays(date, -1));

/**
 * The story's days, from the seed's clock: the conference three weeks or so before today, the strategy meeting a
 * little over two weeks before that (within its 15 working days), the day before it when Lily told her teacher, Lily
 * seen alone during the enquiry, the first mapping meeting a few days after the conference (so its map is the case's
 * latest), Lily seen alone at home on a visit under the plan, and the first core group on working day 8 after the
 * conference (within its 10), before today.
 */
export function lilysDays(calendar: Calendar, now: Date) {
  const today = todayInEngland(now);
  const conference = onOrBeforeWorkingDay(calendar, addCalendarDays(today, -21));
  const strategyMeeting = onOrBeforeWorkingDay(calendar, addCalendarDays(conference, -16));
  const disclosure = onOrBeforeWorkingDay(calendar, addCalendarDays(strategyMeeting, -1));
  const childSeen = addWorkingDays(calendar, strategyMeeting, 5);
  const firstMap = addWorkingDays(calendar, conference, 3);
  const childSeenAtHome = addWorkingDays(calendar, conference, 5);
  const firstCoreGroup = addWorkingDays(calendar, conference, 8);
  if (workingDaysBetween(calendar, strategyMeeting, conference) > 15 || childSeen >= conference || firstCoreGroup >= today)
    throw new Error(`Lily's story does not fit its clocks from ${today}`);
  return { today, disclosure, strategyMeeting, childSeen, conference, firstMap, childSeenAtHome, firstCoreGroup };
}

export type LilysDays = ReturnType<typeof lilysDays>;

const everyonePresent = (userIds: number[]): Record<number, Attendance> => Object.fromEntries(userIds.map((id) => [id, "present" as const]));

const concern =
  "Lily (6) told her teacher that Dean Colt pushed her mother into the kitchen door and that she hid under the table. " +
  "The police were called to 14 Example Road the same night. Lily has missed 9 days of school this term and twice came in hungry.";

/** Each agency's section of the strategy meeting, and of the conference (its report): [strategy meeting, conference]. */
const sections: Record<string, [string[], string[]]> = {
  socialWorker: [
    [
      "Referral from Larkfield Primary after Lily's disclosure. Kerry took Lily and Jayden to her mother Pat's that night.",
      "No previous involvement with children's services.",
    ],
    [
      "Section 47 enquiry completed. Lily was seen alone at school: she is frightened when Dean shouts and worries about her mum.",
      "Kerry is cooperating and has agreed that the children go to Pat's if Dean comes home angry, but does not yet see how this affects Lily.",
    ],
  ],
  police: [
    ["Domestic abuse call-out to 14 Example Road: Kerry declined to make a statement. Dean Colt had left before officers arrived."],
    ["No police attendance at the address since the strategy meeting. Dean Colt was interviewed under caution; no further action on the assault for now."],
  ],
  health: [
    ["Lily's immunisations are up to date. Jayden was seen at his two-year review: growing well, no concerns about his care."],
    ["Lily has not had a health assessment since school entry. Kerry told the health visitor she is sleeping badly and feels low."],
  ],
  education: [
    ["Lily came to school hungry on two mornings last week and had a bruise on her forearm that she said came from a door. Attendance 88% this term."],
    ["Lily has a place at breakfast club from this week. She is quieter in class than last year, and asks to stay in at playtime."],
  ],
};

/** Each agency's scaling, [score, reasons], at the strategy meeting and at the conference. */
const scalings: Record<string, [[number, string], [number, string]]> = {
  socialWorker: [
    [3, "Lily saw violence at home and is frightened; Dean still lives there and Kerry does not yet accept the risk."],
    [4, "Kerry has agreed a safe place with Pat, but the violence has not been addressed."],
  ],
  police: [
    [3, "What we know of Dean shows a pattern of violence, and Kerry will not make a statement."],
    [4, "No police attendance since the strategy meeting, but no change in Dean's behaviour either."],
  ],
  health: [
    [5, "The children's health needs are met; we know little about home."],
    [5, "Physical care is good; Kerry's low mood worries us."],
  ],
  education: [
    [4, "Lily is coming to school hungry and missing days, and she told us what she saw."],
    [5, "Attendance is better and breakfast club is helping; Lily is still withdrawn."],
  ],
};

const agencyKeys = ["socialWorker", "police", "health", "education"] as const;

/** Each agency's section and scaling of a meeting, its attendance (everyone present), by the people who would write them. */
async function holdMeeting(story: Story, meetingId: number, when: Date, which: 0 | 1) {
  const { sql, caseId, person } = story;
  const meeting = (await getMeeting(sql, caseId, meetingId))!;
  for (const key of agencyKeys)
    await storeSeedText(sql, meetingSectionName(caseId, meetingId, person(key).agencyId), sections[key][which], person(key), when);
  await storeSeedText(
    sql,
    meetingSectionName(caseId, meetingId, person("police").agencyId, true),
    ["Dean Colt is known to the police from a previous relationship; the detail is in the police's restricted notes. Not for the family."],
    person("police"),
    when,
  );
  await recordAttendance(sql, { meetingId, attendance: everyonePresent(meeting.invitees.map((i) => i.userId)), by: meeting.chairUserId, at: when });
  for (const key of agencyKeys) {
    const [score, reasons] = scalings[key][which];
    // Like their sections, only social care gives the family its reasons; the others keep theirs back.
    const notForFamily = key !== "socialWorker";
    await recordScaling(sql, { mapId: meeting.mapId, agencyId: person(key).agencyId, score, reasons, notForFamily, recordedBy: person(key).userId, at: when });
  }
  // The chair gives the family the concern, and social care its section; the other agencies keep theirs back.
  await markMeetingPart(sql, { meetingId, of: { part: "concern" }, forFamily: true, by: meeting.chairUserId, at: when });
  await markMeetingPart(sql, { meetingId, of: { part: "section", agencyId: person("socialWorker").agencyId }, forFamily: true, by: person("socialWorker").userId, at: when });
  return meeting;
}

async function signOff(story: Story, meetingId: number, at: Date) {
  const meeting = (await getMeeting(story.sql, story.caseId, meetingId))!;
  const signed = await signOffMeeting(signingOffAt(story.sql, at), { caseId: story.caseId, meeting, by: meeting.chairUserId });
  if (!signed.ok) throw new Error(`Lily's ${meeting.kind} could not be signed off: ${signed.problem}`);
}

/** The strategy meeting, signed off: a section 47 enquiry, and the initial conference due 15 working days on. */
async function seedStrategyMeeting(story: Story, day: string): Promise<number> {
  const { sql, caseId, calendar, person } = story;
  const chair = person("chair").userId;
  const { id } = await conveneMeeting(sql, {
    caseId,
    kind: "meeting",
    heldAt: instantInEngland(day, "10:00"),
    heldOn: day,
    how: "video",
    concern,
    chairUserId: chair,
    inviteeUserIds: agencyKeys.map((key) => person(key).userId),
    convenedBy: person("teamManager").userId,
    at: instantInEngland(day, "08:45"),
  });
  await holdMeeting(story, id, instantInEngland(day, "10:30"), 0);
  await saveDecisions(sql, {
    meetingId: id,
    decisions: {
      section47: true,
      section47Why: "Lily has seen violence at home and is frightened: there is reasonable cause to suspect she is suffering significant harm.",
      policeInvestigation: "single",
      immediateProtection: false,
      immediateProtectionDetail: "",
      icpc: true,
      icpcDueOn: addWorkingDays(calendar, day, 15),
      familyTold: true,
      familyToldBy: "Sam Okafor",
      familyToldOn: day,
      familyNotToldWhy: "",
    },
    by: chair,
    at: instantInEngland(day, "11:15"),
  });
  await signOff(story, id, instantInEngland(day, "11:30"));
  return id;
}

/**
 * The initial conference convened from the strategy meeting, held and signed off: a plan is needed (emotional abuse),
 * Sam Okafor leads it, the core group is one person from each agency, and the first core group is `firstCoreGroup`.
 */
async function seedInitialConference(story: Story, strategyMeetingId: number, days: LilysDays) {
  const { sql, caseId, calendar, person } = story;
  const chair = person("chair").userId;
  const day = days.conference;
  const origin = await initialConferenceOrigin(sql, calendar, caseId, strategyMeetingId);
  if (!origin.ok) throw new Error(`Lily's conference could not be convened: ${origin.problem}`);
  const family = await sql<{ id: string }[]>`
    select id from case_people where case_id = ${caseId} and full_name in ('Kerry Marsh', 'Pat Marsh') order by full_name`;
  const convened = await conveneConference(sql, {
    caseId,
    sheet: (await getFrontSheet(sql, caseId))!,
    origin: { kind: "initial_conference", fromMeetingId: strategyMeetingId, planId: null, due: origin.due, concern: origin.meeting.concern },
    request: {
      heldOn: day,
      heldTime: "13:30",
      how: "in_person",
      concern: origin.meeting.concern,
      chairUserId: chair,
      lateReason: "",
      inviteeUserIds: agencyKeys.map((key) => person(key).userId),
      familyPersonIds: family.map((row) => Number(row.id)),
    },
    by: chair,
    at: instantInEngland(days.strategyMeeting, "15:00"),
  });
  if (!convened.ok) throw new Error(`Lily's conference could not be convened: ${JSON.stringify(convened.errors)}`);
  const id = convened.id;
  const when = instantInEngland(day, "14:00");
  await holdMeeting(story, id, when, 1);
  await recordFamilyAttendance(sql, { meetingId: id, attendance: everyonePresent(family.map((row) => Number(row.id))), by: chair, at: when });
  const [voice] = await sql<{ id: string }[]>`select id from child_voice where case_id = ${caseId} and seen_on <= ${day} order by seen_on desc limit 1`;
  await saveConferenceViews(sql, {
    meetingId: id,
    familyViews:
      "Kerry said she wants the children safe and that Dean has promised to change. She agreed the children go to Pat's if he comes home angry. Pat said she will have them whenever they need her.",
    childViews: "Lily told Sam that she worries when Dean shouts and when her mum cries, and that Nanny Pat and playtime are good things.",
    childVoiceId: voice ? Number(voice.id) : null,
    by: chair,
    at: when,
  });
  await markMeetingPart(sql, { meetingId: id, of: { part: "family_views" }, forFamily: true, by: chair, at: when });
  await saveConferenceDecision(sql, {
    meetingId: id,
    decision: {
      planNeeded: true,
      plan: {
        primaryCategory: "emotional_abuse",
        otherCategories: [],
        leadUserId: person("socialWorker").userId,
        visits: "Every 10 working days at home, at least one visit in four unannounced",
        seenAlone: "At every visit, at home or at school",
        firstCoreGroupOn: days.firstCoreGroup,
        coreGroupUserIds: agencyKeys.map((key) => person(key).userId),
      },
      revisions: "",
    },
    by: chair,
    at: instantInEngland(day, "15:15"),
  });
  await signOff(story, id, instantInEngland(day, "15:30"));
  const [plan] = await sql<{ planId: string }[]>`select plan_id as "planId" from meetings where id = ${id}`;
  return { conferenceId: id, planId: Number(plan.planId) };
}

/** The strategy meeting and the initial conference that made Lily's plan, on the story's days; the plan's id. */
export async function seedLilysMeetings(story: Story, days: LilysDays) {
  const strategyMeetingId = await seedStrategyMeeting(story, days.strategyMeeting);
  const { conferenceId, planId } = await seedInitialConference(story, strategyMeetingId, days);
  return { strategyMeetingId, conferenceId, planId };
}

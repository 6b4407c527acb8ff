// The small partnership that tests/integration/oversight-front-door-and-meetings.test.ts counts by hand (issue 13;
// decision 040): five agencies, four children's cases, strategy meetings and discussions with their invitees' attendance
// and the agencies' scalings, and the referrals sent to the front door with their ratings and decisions, written straight
// into a fresh database. Why each date was chosen (the bank holidays a clock waits over, what falls outside the scope) is
// told beside the rows below; the figures they make are asserted in the test.
import type { TestDatabase } from "./test-database";

export const at = (moment: string) => new Date(`${moment.replace(" ", "T")}:00Z`);

const agencies = {
  sc: ["Sandmere Children's Social Care", "social_care"],
  police: ["Kestrelvale Police", "police"],
  health: ["Sandmere Health", "health"],
  school: ["Larkfield School", "education"],
  office: ["Sandmere Safeguarding Partnership", "partnership"],
} as const;
type AgencyId = keyof typeof agencies;

type Invitee = [string, "invited" | "present" | "apologies" | "did_not_attend"];

type Contact = {
  agency: AgencyId;
  received: string;
  children: { name: string; dateOfBirth: string; nhs?: string }[];
  ratings?: ["red" | "amber" | "green", string][];
  decided?: { at: string; outcome: string; caseKey?: string; meetingKey?: string };
};

/** The written-out partnership's ids, by the keys the rows below use: cases (`caseLeo`), meetings (`m1`), referrals (`c1`). */
export type FrontDoorPartnership = { ids: Record<string, number> };

/** Helpers that write one thing each (a person, a case, a meeting with its map, a referral) and remember its id by key. */
function writer(db: TestDatabase) {
  const users: Record<string, number> = {};
  const ids: Record<string, number> = {};

  async function user(key: string, agencyId: AgencyId, role: string) {
    const [row] = await db.sql<{ id: string }[]>`
      insert into users (agency_id, role, full_name, email, password_hash)
      values (${agencyId}, ${role}, ${key}, ${`${key}@example.test`}, 'not-a-hash') returning id`;
    users[key] = Number(row.id);
  }

  async function openCase(key: string, child: string, dateOfBirth: string) {
    const [row] = await db.sql<{ id: string }[]>`insert into cases (reference, opened_on) values (${key}, '2025-11-01') returning id`;
    ids[key] = Number(row.id);
    await db.sql`insert into case_people (case_id, kind, is_subject, full_name, date_of_birth) values (${row.id}, 'child', true, ${child}, ${dateOfBirth})`;
  }

  async function caseMap(caseKey: string, heldOn: string): Promise<number> {
    const [row] = await db.sql<{ id: string }[]>`
      insert into case_maps (case_id, held_on, scaling_question, created_at, created_by)
      values (${ids[caseKey]}, ${heldOn}, 'How safe?', ${at(`${heldOn} 09:00`)}, ${users.chair}) returning id`;
    return Number(row.id);
  }

  async function scale(mapId: number, agencyId: AgencyId, score: number, recordedAt: string) {
    await db.sql`
      insert into map_scalings (map_id, agency_id, score, reasons, recorded_at, recorded_by)
      values (${mapId}, ${agencyId}, ${score}, 'Because', ${at(recordedAt)}, ${users.chair})`;
  }

  /** A meeting with its own map, its invitees' attendance and its agencies' scores. */
  async function meeting(key: string, caseKey: string, kind: string, heldOn: string, invitees: Invitee[], scores: [AgencyId, number][] = [], fromMeeting?: string) {
    const mapId = await caseMap(caseKey, heldOn);
    ids[`${key}Map`] = mapId;
    const [row] = await db.sql<{ id: string }[]>`
      insert into meetings (case_id, kind, held_at, held_on, how, concern, chair_user_id, map_id, convened_at, convened_by, from_meeting_id)
      values (${ids[caseKey]}, ${kind}, ${at(`${heldOn} 10:00`)}, ${heldOn}, 'in_person', 'Worried', ${users.chair}, ${mapId},
              ${at(`${heldOn} 08:00`)}, ${users.chair}, ${fromMeeting ? ids[fromMeeting] : null}) returning id`;
    ids[key] = Number(row.id);
    for (const [person, attendance] of invitees) {
      await db.sql`
        insert into meeting_invitees (meeting_id, user_id, agency_id, attendance)
        select ${row.id}, id, agency_id, ${attendance} from users where id = ${users[person]}`;
    }
    for (const [agencyId, score] of scores) await scale(mapId, agencyId, score, `${heldOn} 11:00`);
  }

  /** A referral sent by the agency's referrer, rated by the screener, proposed and authorised by a manager. */
  async function contact(key: string, spec: Contact) {
    const referrer = { sc: "chair", police: "officer", health: "visitor", school: "teacher", office: "office" }[spec.agency];
    const received = at(spec.received);
    const [row] = await db.sql<{ id: string }[]>`
      insert into contacts (referrer_user_id, referrer_agency_id, created_at, updated_at)
      values (${users[referrer]}, ${spec.agency}, ${received}, ${received}) returning id`;
    const id = Number(row.id);
    ids[key] = id;
    for (const child of spec.children)
      await db.sql`insert into contact_children (contact_id, full_name, date_of_birth, nhs_number) values (${id}, ${child.name}, ${child.dateOfBirth}, ${child.nhs ?? null})`;
    await db.sql`update contacts set status = 'submitted', submitted_at = ${received} where id = ${id}`;
    for (const [rating, ratedAt] of spec.ratings ?? [])
      await db.sql`insert into contact_ratings (contact_id, rating, reason, by_user_id, by_agency_id, at) values (${id}, ${rating}, 'Read it', ${users.screener}, 'sc', ${at(ratedAt)})`;
    if (!spec.decided) return;
    const decidedAt = at(spec.decided.at);
    const [proposal] = await db.sql<{ id: string }[]>`
      insert into contact_decisions (contact_id, step, outcome, rationale, feedback, by_user_id, by_agency_id, at)
      values (${id}, 'proposed', ${spec.decided.outcome}, 'Why', 'Thank you', ${users.screener}, 'sc', ${new Date(decidedAt.getTime() - 60_000)}) returning id`;
    await db.sql`
      insert into contact_decisions (contact_id, step, proposal_id, case_id, meeting_id, by_user_id, by_agency_id, at)
      values (${id}, 'authorised', ${proposal.id}, ${spec.decided.caseKey ? ids[spec.decided.caseKey] : null},
              ${spec.decided.meetingKey ? ids[spec.decided.meetingKey] : null}, ${users.manager}, 'sc', ${decidedAt})`;
  }

  return { users, ids, user, openCase, caseMap, scale, meeting, contact };
}

/** Writes the partnership into `db` (made with `seed: false`); it is counted over December 2025 to February 2026. */
export async function writeFrontDoorPartnership(db: TestDatabase): Promise<FrontDoorPartnership> {
  const { users, ids, user, openCase, caseMap, scale, meeting, contact } = writer(db);
  for (const [id, [name, kind]] of Object.entries(agencies)) await db.sql`insert into agencies (id, name, kind) values (${id}, ${name}, ${kind})`;
  await user("chair", "sc", "chair");
  await user("screener", "sc", "screener");
  await user("manager", "sc", "manager");
  await user("officer", "police", "practitioner");
  await user("visitor", "health", "practitioner");
  await user("teacher", "school", "practitioner");
  await user("office", "office", "partnership_manager");

  await openCase("caseLeo", "Leo Stone", "2020-01-15");
  await openCase("caseNoah", "Noah Reed", "2019-09-09");
  await openCase("caseZara", "Zara Khan", "2017-03-03");
  await openCase("caseMia", "Mia Hart", "2018-04-02");

  // Strategy meetings and discussions. M0 is before the scope; the conference is not a strategy meeting.
  await meeting("m0", "caseNoah", "meeting", "2025-11-10", [["officer", "present"], ["chair", "present"]], [["sc", 0], ["police", 10]]);
  await meeting("m1", "caseMia", "discussion", "2025-12-03", [["chair", "present"], ["officer", "present"], ["visitor", "apologies"]], [["sc", 4], ["police", 6]]);
  await meeting("m2", "caseLeo", "discussion", "2025-12-30", [["chair", "present"], ["officer", "present"], ["visitor", "present"], ["teacher", "did_not_attend"]], [["sc", 3], ["police", 3]]);
  await db.sql`insert into meeting_scaling_exemptions (meeting_id, agency_id, reason, recorded_at, recorded_by)
               values (${ids.m2}, 'health', 'The health visitor left before the scaling', ${at("2025-12-30 12:00")}, ${users.chair})`;
  await meeting("m3", "caseNoah", "discussion", "2026-01-06", [["chair", "present"], ["officer", "apologies"], ["visitor", "present"]], [["sc", 5]]);
  await meeting("conference", "caseLeo", "initial_conference", "2026-01-15", [["officer", "did_not_attend"], ["chair", "present"]], [["police", 7], ["health", 6]], "m2");
  await meeting("m4", "caseNoah", "meeting", "2026-01-20", [["chair", "present"], ["officer", "present"], ["visitor", "present"], ["office", "present"]], [["sc", 2], ["police", 8], ["health", 9]]);
  await scale(ids.m4Map, "health", 5, "2026-01-20 12:00"); // health's latest on M4's map: 5, not 9
  await meeting("m5", "caseMia", "discussion", "2026-02-09", [["chair", "present"], ["officer", "invited"], ["visitor", "did_not_attend"]], [["police", 2]]);
  await meeting("m6", "caseZara", "discussion", "2026-03-10", [["chair", "invited"]]); // after the scope, and after today
  const miaMap = await caseMap("caseMia", "2026-02-20");
  await scale(miaMap, "sc", 1, "2026-02-20 10:00");
  await scale(miaMap, "school", 6, "2026-02-20 10:00");

  // Referrals. C0 is more than 12 months before C1; C8 was sent before the scope but decided in it; C9 was sent in
  // the scope and decided after it.
  await contact("c0", { agency: "school", received: "2024-12-20 10:00", children: [{ name: "Leo Stone", dateOfBirth: "2020-01-15" }] });
  await contact("c8", {
    agency: "police",
    received: "2025-11-28 16:00",
    children: [{ name: "Mia Hart", dateOfBirth: "2018-04-02" }],
    ratings: [["green", "2025-11-28 16:30"]],
    decided: { at: "2025-12-01 10:00", outcome: "strategy_discussion", caseKey: "caseMia", meetingKey: "m1" },
  });
  // Amber, received the working day before Christmas: due at 10:00 on Monday 29 December, decided at 09:45.
  await contact("c1", {
    agency: "police",
    received: "2025-12-24 10:00",
    children: [
      { name: "Leo Stone", dateOfBirth: "2020-01-15" },
      { name: "Ava Stone", dateOfBirth: "2022-06-01" },
    ],
    ratings: [["amber", "2025-12-24 10:30"]],
    decided: { at: "2025-12-29 09:45", outcome: "strategy_discussion", caseKey: "caseLeo", meetingKey: "m2" },
  });
  await contact("c2", {
    agency: "health",
    received: "2026-01-05 09:00",
    children: [{ name: "Noah Reed", dateOfBirth: "2019-09-09" }],
    ratings: [["red", "2026-01-05 09:10"]],
    decided: { at: "2026-01-05 14:00", outcome: "strategy_discussion", caseKey: "caseNoah", meetingKey: "m3" },
  });
  await contact("c3", {
    agency: "school",
    received: "2026-01-09 14:00",
    children: [{ name: "Ava Stone", dateOfBirth: "2022-06-01" }],
    ratings: [["green", "2026-01-09 14:30"]],
    decided: { at: "2026-01-14 16:00", outcome: "no_further_action" },
  });
  // Rated green, re-rated amber: amber's clock from receipt ran out at 17:00 on the day received.
  await contact("c4", {
    agency: "police",
    received: "2026-02-03 09:00",
    children: [{ name: "Mia Hart", dateOfBirth: "2018-04-02" }],
    ratings: [
      ["green", "2026-02-03 09:30"],
      ["amber", "2026-02-04 09:00"],
    ],
    decided: { at: "2026-02-04 11:00", outcome: "strategy_discussion", caseKey: "caseMia", meetingKey: "m5" },
  });
  await contact("c5", {
    agency: "health",
    received: "2026-02-09 10:00",
    children: [{ name: "Zara Khan", dateOfBirth: "2017-03-03", nhs: "1234567890" }],
    decided: { at: "2026-02-09 15:00", outcome: "strategy_discussion", caseKey: "caseZara", meetingKey: "m6" },
  });
  await contact("c6", {
    agency: "school",
    received: "2026-02-23 10:00",
    children: [{ name: "Zara Khan-Ali", dateOfBirth: "2017-03-03", nhs: "1234567890" }],
    ratings: [["red", "2026-02-23 10:05"]],
  });
  await contact("c7", { agency: "police", received: "2026-02-27 16:00", children: [{ name: "Ivy Moss", dateOfBirth: "2021-11-11" }], ratings: [["green", "2026-02-27 16:10"]] });
  await contact("c9", {
    agency: "health",
    received: "2026-02-27 09:00",
    children: [{ name: "Noah Reed", dateOfBirth: "2019-09-09" }],
    decided: { at: "2026-03-02 09:30", outcome: "no_further_action" },
  });
  return { ids };
}

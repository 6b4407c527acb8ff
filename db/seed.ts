// The fictional Sandmere partnership (../shared/DOMAIN.md): every name here is invented.
// Run as `npm run db:seed`; refuses a database that already has people in it.
import type { Sql } from "./client";
import { hashPassword } from "../server/auth/password";
import * as Y from "yjs";
import type { AgencyKind, Role } from "../server/access/policy";
import { addPair, DEFAULT_SCALING_QUESTION, readPairs, type MapPartKey } from "../common/map-document";
import { todayInEngland } from "../common/forms/dates";
import { addCalendarDays, addCalendarMonths } from "../server/calendar/calendar-dates";
import { createPlan } from "../server/plans/create-plan";
import { planName } from "../server/documents/plan";

/** The one demo password. Only this seed ever creates it. */
export const DEMO_PASSWORD = "sandmere-demo-2026";

type DemoAgency = { id: string; name: string; kind: AgencyKind; colour: string; emailDomains: string[] };
type DemoUser = { key: string; agencyId: string; role: Role; fullName: string; jobTitle: string; email: string };

export const demoAgencies: DemoAgency[] = [
  { id: "sandmere-childrens-services", name: "Sandmere Borough Council Children's Services", kind: "social_care", colour: "#1d70b8", emailDomains: ["sandmere-council.example"] },
  { id: "kestrel-vale-police", name: "Kestrel Vale Police", kind: "police", colour: "#4c2c92", emailDomains: ["kestrelvale-police.example"] },
  { id: "sandmere-community-health", name: "Sandmere Community Health NHS Trust", kind: "health", colour: "#00703c", emailDomains: ["sandmere-health.example"] },
  { id: "harbour-lane-surgery", name: "Harbour Lane Surgery", kind: "health", colour: "#005a30", emailDomains: ["harbourlane-surgery.example"] },
  { id: "larkfield-primary", name: "Larkfield Primary School", kind: "education", colour: "#b58840", emailDomains: ["larkfield-school.example"] },
  { id: "sandmere-partnership", name: "Sandmere Safeguarding Children Partnership", kind: "partnership", colour: "#d4351c", emailDomains: ["sandmere-partnership.example"] },
];

export const demoUsers: DemoUser[] = [
  { key: "socialWorker", agencyId: "sandmere-childrens-services", role: "practitioner", fullName: "Sam Okafor", jobTitle: "Social worker", email: "sam.okafor@sandmere-council.example" },
  { key: "teamManager", agencyId: "sandmere-childrens-services", role: "manager", fullName: "Priya Shah", jobTitle: "Team manager, child protection", email: "priya.shah@sandmere-council.example" },
  { key: "chair", agencyId: "sandmere-childrens-services", role: "chair", fullName: "Helen Ward", jobTitle: "Child protection chair", email: "helen.ward@sandmere-council.example" },
  { key: "screener", agencyId: "sandmere-childrens-services", role: "screener", fullName: "Tom Reed", jobTitle: "MASH social worker", email: "tom.reed@sandmere-council.example" },
  { key: "socialCareAdmin", agencyId: "sandmere-childrens-services", role: "administrator", fullName: "Ruth Bell", jobTitle: "Systems administrator", email: "ruth.bell@sandmere-council.example" },
  { key: "police", agencyId: "kestrel-vale-police", role: "practitioner", fullName: "Alex Morgan", jobTitle: "Detective constable, Public Protection Unit", email: "alex.morgan@kestrelvale-police.example" },
  { key: "policeAdmin", agencyId: "kestrel-vale-police", role: "administrator", fullName: "Jo Price", jobTitle: "Systems administrator", email: "jo.price@kestrelvale-police.example" },
  { key: "health", agencyId: "sandmere-community-health", role: "practitioner", fullName: "Nadia Hussain", jobTitle: "Health visitor", email: "nadia.hussain@sandmere-health.example" },
  { key: "healthAdmin", agencyId: "sandmere-community-health", role: "administrator", fullName: "Chris Lowe", jobTitle: "Systems administrator", email: "chris.lowe@sandmere-health.example" },
  { key: "gp", agencyId: "harbour-lane-surgery", role: "practitioner", fullName: "Dr Olu Adeyemi", jobTitle: "GP, safeguarding lead", email: "olu.adeyemi@harbourlane-surgery.example" },
  { key: "gpAdmin", agencyId: "harbour-lane-surgery", role: "administrator", fullName: "Dana Fox", jobTitle: "Practice manager", email: "dana.fox@harbourlane-surgery.example" },
  { key: "education", agencyId: "larkfield-primary", role: "practitioner", fullName: "Emma Clarke", jobTitle: "Designated safeguarding lead", email: "emma.clarke@larkfield-school.example" },
  { key: "educationAdmin", agencyId: "larkfield-primary", role: "administrator", fullName: "Gary Holt", jobTitle: "School business manager", email: "gary.holt@larkfield-school.example" },
  { key: "partnershipManager", agencyId: "sandmere-partnership", role: "partnership_manager", fullName: "Marion Fields", jobTitle: "Partnership manager", email: "marion.fields@sandmere-partnership.example" },
  { key: "partnershipAdmin", agencyId: "sandmere-partnership", role: "administrator", fullName: "Lee Carter", jobTitle: "Business support officer", email: "lee.carter@sandmere-partnership.example" },
  // Second administrators: a role that reads across cases needs one administrator to ask and another to approve.
  { key: "policeAdmin2", agencyId: "kestrel-vale-police", role: "administrator", fullName: "Ravi Desai", jobTitle: "Systems administrator", email: "ravi.desai@kestrelvale-police.example" },
  { key: "socialCareAdmin2", agencyId: "sandmere-childrens-services", role: "administrator", fullName: "Fay Dunmore", jobTitle: "Systems administrator", email: "fay.dunmore@sandmere-council.example" },
  { key: "partnershipAdmin2", agencyId: "sandmere-partnership", role: "administrator", fullName: "Bea Lindqvist", jobTitle: "Business support manager", email: "bea.lindqvist@sandmere-partnership.example" },
];

export function demoUser(key: string): DemoUser {
  const user = demoUsers.find((candidate) => candidate.key === key);
  if (!user) throw new Error(`no demo user ${key}`);
  return user;
}

type DemoPerson = {
  kind: "child" | "family" | "network";
  isSubject?: boolean;
  fullName: string;
  dateOfBirth: string | null;
  nhsNumber?: string;
  relationship: string;
  parentalResponsibility?: boolean;
  address?: string;
  school?: string;
};

type DemoCase = {
  reference: string;
  openedOn: string;
  agencies: { id: string; isLead?: boolean }[];
  members: { key: string; roleOnCase: string; isLead?: boolean }[];
  people: DemoPerson[];
};

const marshAddress = "14 Example Road, Sandmere SM1 0ZZ";

export const demoCases: DemoCase[] = [
  {
    reference: "SBC-2026-0147",
    openedOn: "2026-10-05",
    agencies: [
      { id: "sandmere-childrens-services", isLead: true },
      { id: "kestrel-vale-police" },
      { id: "sandmere-community-health" },
      { id: "larkfield-primary" },
    ],
    members: [
      { key: "socialWorker", roleOnCase: "Lead social worker", isLead: true },
      { key: "teamManager", roleOnCase: "Team manager" },
      { key: "chair", roleOnCase: "Child protection chair" },
      { key: "police", roleOnCase: "Public protection officer" },
      { key: "health", roleOnCase: "Health visitor" },
      { key: "education", roleOnCase: "Designated safeguarding lead" },
    ],
    people: [
      { kind: "child", isSubject: true, fullName: "Lily Marsh", dateOfBirth: "2020-05-14", nhsNumber: "9990000018", relationship: "", address: marshAddress, school: "Larkfield Primary School (Year 2)" },
      { kind: "child", fullName: "Jayden Marsh", dateOfBirth: "2024-03-02", nhsNumber: "9990000026", relationship: "Brother", address: marshAddress },
      { kind: "family", fullName: "Kerry Marsh", dateOfBirth: "1999-07-19", relationship: "Mother", parentalResponsibility: true, address: marshAddress },
      { kind: "family", fullName: "Dean Colt", dateOfBirth: "1995-02-10", relationship: "Mother's partner", address: marshAddress },
      { kind: "network", fullName: "Pat Marsh", dateOfBirth: "1968-09-03", relationship: "Maternal grandmother (safety network)" },
    ],
  },
  {
    reference: "SBC-2026-0148",
    openedOn: "2026-10-05",
    agencies: [
      { id: "sandmere-childrens-services", isLead: true },
      { id: "kestrel-vale-police" },
      { id: "sandmere-community-health" },
      { id: "harbour-lane-surgery" },
    ],
    members: [
      { key: "socialWorker", roleOnCase: "Lead social worker", isLead: true },
      { key: "teamManager", roleOnCase: "Team manager" },
      { key: "police", roleOnCase: "Public protection officer" },
      { key: "health", roleOnCase: "Health visitor" },
      { key: "gp", roleOnCase: "GP" },
    ],
    people: [
      { kind: "child", isSubject: true, fullName: "Jayden Marsh", dateOfBirth: "2024-03-02", nhsNumber: "9990000026", relationship: "", address: marshAddress },
      { kind: "child", fullName: "Lily Marsh", dateOfBirth: "2020-05-14", nhsNumber: "9990000018", relationship: "Sister", address: marshAddress, school: "Larkfield Primary School (Year 2)" },
      { kind: "family", fullName: "Kerry Marsh", dateOfBirth: "1999-07-19", relationship: "Mother", parentalResponsibility: true, address: marshAddress },
      { kind: "family", fullName: "Dean Colt", dateOfBirth: "1995-02-10", relationship: "Mother's partner", address: marshAddress },
      { kind: "network", fullName: "Pat Marsh", dateOfBirth: "1968-09-03", relationship: "Maternal grandmother (safety network)" },
    ],
  },
];

export class SeedRefused extends Error {}

export async function databaseHasPeople(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ present: boolean }[]>`select exists (select 1 from users) as present`;
  return row.present;
}

/**
 * Seeds the demo partnership into a migrated, empty database. `now`: the seed's clock; Lily's plan started a week
 * before it, and its actions fall due in the weeks after it, so a newcomer always sees a live plan.
 */
export async function seedDemoPartnership(sql: Sql, opts: { now?: Date } = {}): Promise<void> {
  if (await databaseHasPeople(sql))
    throw new SeedRefused("The database already has people in it; the demo partnership is only seeded into an empty one.");
  const passwordHashes = await Promise.all(demoUsers.map(() => hashPassword(DEMO_PASSWORD)));
  await sql.begin(async (tx) => {
    for (const agency of demoAgencies)
      await tx`insert into agencies (id, name, kind, colour, email_domains)
               values (${agency.id}, ${agency.name}, ${agency.kind}, ${agency.colour}, ${agency.emailDomains})`;
    const userIds = new Map<string, number>();
    const caseIds = new Map<string, number>();
    for (const [index, user] of demoUsers.entries()) {
      const [row] = await tx<{ id: number }[]>`
        insert into users (agency_id, role, full_name, job_title, email, password_hash)
        values (${user.agencyId}, ${user.role}, ${user.fullName}, ${user.jobTitle}, ${user.email}, ${passwordHashes[index]})
        returning id`;
      userIds.set(user.key, Number(row.id));
    }
    for (const demoCase of demoCases) {
      const [row] = await tx<{ id: number }[]>`
        insert into cases (reference, opened_on) values (${demoCase.reference}, ${demoCase.openedOn}) returning id`;
      const caseId = Number(row.id);
      caseIds.set(demoCase.reference, caseId);
      for (const agency of demoCase.agencies)
        await tx`insert into case_agencies (case_id, agency_id, is_lead) values (${caseId}, ${agency.id}, ${agency.isLead ?? false})`;
      for (const member of demoCase.members)
        await tx`insert into case_members (case_id, user_id, role_on_case, is_lead)
                 values (${caseId}, ${userIds.get(member.key)!}, ${member.roleOnCase}, ${member.isLead ?? false})`;
      for (const person of demoCase.people)
        await tx`insert into case_people (case_id, kind, is_subject, full_name, date_of_birth, nhs_number, relationship,
                                          parental_responsibility, address, school)
                 values (${caseId}, ${person.kind}, ${person.isSubject ?? false}, ${person.fullName}, ${person.dateOfBirth},
                         ${person.nhsNumber ?? null}, ${person.relationship}, ${person.parentalResponsibility ?? false},
                         ${person.address ?? ""}, ${person.school ?? ""})`;
    }
    await seedLilysMap(tx as unknown as Sql, caseIds.get("SBC-2026-0147")!, userIds);
    await seedLilysPlan(tx as unknown as Sql, caseIds.get("SBC-2026-0147")!, userIds, opts.now ?? new Date());
    await tx`insert into portal_settings (key, value) values ('demo_seeded', 'true'::jsonb)`;
  });
}

/** Lily's first map, as the lead social worker wrote it up after the first mapping meeting; police's restricted notes. */
const lilysMap: { parts: Partial<Record<MapPartKey, string[]>>; pairs: [string, string][] } = {
  parts: {
    harm: [
      "On 3 November 2026 Lily (6) told her teacher that Dean pushed her mum into the kitchen door and she hid under the table.",
      "Lily has missed 9 days of school since September.",
    ],
    complicatingFactors: ["Kerry says she does not want to involve the police.", "Dean's work takes him away for weeks at a time."],
    existingStrengths: ["Kerry walks Lily to school every day she attends, and her teacher says Lily is always clean and fed."],
    existingSafety: ["When Dean shouted on 3 November, Kerry took Lily and Jayden to Pat's (grandmother) for the night."],
    nextSteps: ["Sam Okafor to visit Kerry and Pat together by 27 November to plan who the children can go to."],
  },
  pairs: [
    [
      "Children's services, the police and Larkfield Primary are worried that Lily will be hurt, or badly frightened, if Dean hurts Kerry when Lily is in the house.",
      "Kerry, Pat and the safety network will make sure that Lily is never in the house when Dean is angry, and Lily will tell us she feels safe at home. Professionals will see this for 6 months.",
    ],
  ],
};

async function seedLilysMap(sql: Sql, caseId: number, userIds: Map<string, number>): Promise<void> {
  const socialWorker = userIds.get("socialWorker")!;
  const police = userIds.get("police")!;
  const at = new Date("2026-11-12T14:30:00Z");
  const [map] = await sql<{ id: string }[]>`
    insert into case_maps (case_id, held_on, title, scaling_question, created_at, created_by)
    values (${caseId}, '2026-11-12', 'First mapping meeting', ${DEFAULT_SCALING_QUESTION}, ${at}, ${socialWorker}) returning id`;
  const doc = new Y.Doc();
  const write = writeParagraphs;
  for (const [key, texts] of Object.entries(lilysMap.parts)) write(doc.getXmlFragment(key), texts);
  lilysMap.pairs.forEach((_, index) => addPair(doc, `seed-${index + 1}`));
  readPairs(doc).forEach((pair, index) => {
    write(pair.danger, [lilysMap.pairs[index][0]]);
    write(pair.goal, [lilysMap.pairs[index][1]]);
  });
  await storeSeedDocument(sql, `case:${caseId}:map:${map.id}`, doc, socialWorker, "sandmere-childrens-services", at);

  await sql`insert into map_scalings (map_id, agency_id, score, reasons, recorded_at, recorded_by)
    values (${map.id}, 'sandmere-childrens-services', 4,
      'Kerry acted to protect the children on 3 November, but Dean still lives at home and Kerry does not yet accept the risk.',
      ${at}, ${socialWorker})`;
  await sql`insert into child_voice (case_id, seen_on, seen_alone, worries, good_things, dreams, recorded_at, recorded_by)
    values (${caseId}, '2026-11-10', true, 'When Dean shouts. When mummy cries.', 'Nanny Pat. My cat Biscuit. Playtime.',
      'Everyone being happy at home. Going to the seaside with mummy.', ${at}, ${socialWorker})`;

  const notes = new Y.Doc();
  write(notes.getXmlFragment("default"), [
    "Dean Colt: two previous call-outs to a former partner's address (2023, 2024), no further action. Not to be disclosed to the family.",
  ]);
  await storeSeedDocument(sql, `case:${caseId}:agency:kestrel-vale-police:notes`, notes, police, "kestrel-vale-police", at);
  await sql`insert into restricted_note_shares (case_id, owner_agency_id, shared_with_agency_id, shared, reason, at, by_user_id)
    values (${caseId}, 'kestrel-vale-police', 'sandmere-childrens-services', true,
      'The lead social worker needs the call-out history to plan the children''s safety.', ${at}, ${police})`;
}

/**
 * Lily's child protection plan, made by her initial conference a week before the seed's clock (category: emotional
 * abuse), with outcomes and actions owned by social care, the police, health and the school, all due after that clock.
 */
async function seedLilysPlan(sql: Sql, caseId: number, userIds: Map<string, number>, now: Date): Promise<void> {
  const today = todayInEngland(now);
  const startedOn = addCalendarDays(today, -7);
  const at = new Date(`${startedOn}T15:00:00Z`);
  const user = (key: string) => userIds.get(key)!;
  const made = await createPlan(sql, {
    caseId,
    startedOn,
    primaryCategory: "emotional_abuse",
    otherCategories: [],
    leadUserId: user("socialWorker"),
    visits: "Every 10 working days at home, at least one visit in four unannounced",
    seenAlone: "At every visit, at home or at school",
    by: user("socialWorker"),
    at,
    outcomes: [
      {
        wording: "Lily is never in the house when Dean is angry, and she tells us she feels safe at home.",
        actions: [
          {
            what: "Agree a written safety plan with Kerry and Pat: where Lily and Jayden go, and who takes them, if Dean is angry.",
            why: "So Lily has a safe place to go and knows who will take her there.",
            ownerUserId: user("socialWorker"),
            dueOn: addCalendarDays(today, 14),
            measure: "The safety plan is signed by Kerry and Pat, and Lily can say in her own words where she would go.",
          },
          {
            what: "Tell the lead social worker within one working day of any police call-out to 14 Example Road.",
            why: "So the plan responds the same day if Dean hurts Kerry again.",
            ownerUserId: user("police"),
            dueOn: addCalendarDays(today, 28),
            measure: "Every call-out reported to the core group with the date the lead social worker was told.",
          },
        ],
      },
      {
        wording: "Lily goes to school every day, on time, fed and ready to learn.",
        actions: [
          {
            what: "Check Lily's attendance and whether she has had breakfast each morning; tell the lead social worker the same day she is absent.",
            why: "Lily missed 9 days of school since September and came to school hungry.",
            ownerUserId: user("education"),
            dueOn: addCalendarDays(today, 42),
            measure: "Attendance of 95% or more over the half term, and every absence reported the same day.",
          },
          {
            what: "Arrange a health assessment for Lily with the school nurse, including her height and weight.",
            why: "To know whether Lily's growth and health have suffered.",
            ownerUserId: user("health"),
            dueOn: addCalendarDays(today, 21),
            measure: "The assessment is done and its findings shared with the core group.",
          },
        ],
      },
      {
        wording: "Kerry understands how Dean's behaviour frightens Lily, and acts to protect her.",
        actions: [
          {
            what: "Refer Kerry to the Freedom Programme and support her to attend.",
            why: "Kerry does not yet accept the risk Dean poses to Lily.",
            ownerUserId: user("socialWorker"),
            dueOn: addCalendarMonths(today, 2),
            measure: "Kerry attends at least 8 of the 11 sessions and tells us in her own words what she will do differently.",
          },
        ],
      },
    ],
  });
  if (!made.ok) throw new Error(`Lily's plan could not be seeded: ${made.message}`);

  const contingency = new Y.Doc();
  writeParagraphs(contingency.getXmlFragment("default"), [
    "If Dean comes back to the house when Kerry has said he will not, or there is any further violence, Kerry takes Lily and Jayden to Pat's that day and tells Sam Okafor.",
    "If Kerry cannot keep Lily safe, Sam Okafor will ask the team manager for a strategy discussion the same working day.",
  ]);
  await storeSeedDocument(sql, planName(caseId), contingency, user("socialWorker"), "sandmere-childrens-services", at);
}

/** Writes paragraphs of plain text into a TipTap fragment, as the editor would. */
function writeParagraphs(fragment: Y.XmlFragment, texts: string[]) {
  fragment.insert(
    0,
    texts.map((text) => {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
}

/** A document written at seed time, stored as the collaboration server stores one: attributed, its client id claimed. */
async function storeSeedDocument(sql: Sql, document: string, doc: Y.Doc, userId: number, agencyId: string, at: Date) {
  await sql`insert into collab_updates (document, seq, update, user_id, agency_id, first_at, last_at)
    values (${document}, 1, ${Y.encodeStateAsUpdate(doc)}, ${userId}, ${agencyId}, ${at}, ${at})`;
  await sql`insert into collab_clients (document, client_id, user_id, claimed_at) values (${document}, ${doc.clientID}, ${userId}, ${at})`;
  doc.destroy();
}

export async function isDemoSeeded(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ seeded: boolean }[]>`select exists (select 1 from portal_settings where key = 'demo_seeded') as seeded`;
  return row.seeded;
}

/** The lines printed at start so a newcomer can sign in. */
export function demoSignInLines(): string[] {
  const agencyName = new Map(demoAgencies.map((agency) => [agency.id, agency.name]));
  return [
    `Demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
    ...demoUsers.map((user) => `  ${user.email.padEnd(44)} ${user.jobTitle}, ${agencyName.get(user.agencyId)}`),
  ];
}

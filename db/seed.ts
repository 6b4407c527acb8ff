// The fictional Sandmere partnership (../shared/DOMAIN.md): every name here is invented.
// Run as `npm run db:seed`; refuses a database that already has people in it.
import type { Sql } from "./client";
import { sha256 } from "@oslojs/crypto/sha2";
import { displayKey } from "../server/auth/authenticator";
import { hashPassword } from "../server/auth/password";
import type { AgencyKind, Role } from "../server/access/policy";
import type { Calendar } from "../server/calendar/working-days";

/** The one demo password. Only this seed ever creates it. */
export const DEMO_PASSWORD = "sandmere-demo-2026";

/**
 * The demo people's authenticator app key, the same for all of them (decision 056): add it to any authenticator app,
 * or run `npm run demo:code` for the current code. Only this seed ever sets it up.
 */
export const DEMO_AUTHENTICATOR_KEY: Uint8Array = sha256(new TextEncoder().encode("sandmere-demo-authenticator")).slice(0, 20);

type DemoAgency = { id: string; name: string; kind: AgencyKind; colour: string; emailDomains: string[] };
type DemoUser = { key: string; agencyId: string; role: Role; fullName: string; jobTitle: string; email: string };

export const demoAgencies: DemoAgency[] = [
  { id: "sandmere-childrens-services", name: "Sandmere Borough Council Children's Services", kind: "social_care", colour: "#1d70b8", emailDomains: ["sandmere-council.example"] },
  { id: "kestrel-vale-police", name: "Kestrel Vale Police", kind: "police", colour: "#4c2c92", emailDomains: ["kestrelvale-police.example"] },
  { id: "sandmere-community-health", name: "Sandmere Community Health NHS Trust", kind: "health", colour: "#00703c", emailDomains: ["sandmere-health.example"] },
  { id: "harbour-lane-surgery", name: "Harbour Lane Surgery", kind: "health", colour: "#005a30", emailDomains: ["harbourlane-surgery.example"] },
  { id: "larkfield-primary", name: "Larkfield Primary School", kind: "education", colour: "#b58840", emailDomains: ["larkfield-school.example"] },
  { id: "sandmere-early-help", name: "Sandmere Early Help Service", kind: "early_help", colour: "#912b88", emailDomains: ["sandmere-earlyhelp.example"] },
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
  // The front door's multi-agency screening team, beside the MASH social worker (Tom Reed): one screener each from the
  // police, health and education (issue 12 item 9).
  { key: "policeScreener", agencyId: "kestrel-vale-police", role: "screener", fullName: "Sergeant Dev Patel", jobTitle: "MASH police researcher", email: "dev.patel@kestrelvale-police.example" },
  { key: "healthScreener", agencyId: "sandmere-community-health", role: "screener", fullName: "Grace Oduya", jobTitle: "MASH health safeguarding nurse", email: "grace.oduya@sandmere-health.example" },
  { key: "educationScreener", agencyId: "larkfield-primary", role: "screener", fullName: "Ian Forde", jobTitle: "MASH education safeguarding officer", email: "ian.forde@larkfield-school.example" },
  // Early help (issue 12 item 7, decision 038): its manager accepts or declines a step down from social care, and its
  // practitioner leads the work once early help has taken it.
  { key: "earlyHelpManager", agencyId: "sandmere-early-help", role: "manager", fullName: "Joy Adebayo", jobTitle: "Early help team manager", email: "joy.adebayo@sandmere-earlyhelp.example" },
  { key: "earlyHelpWorker", agencyId: "sandmere-early-help", role: "practitioner", fullName: "Ben Tranter", jobTitle: "Early help practitioner", email: "ben.tranter@sandmere-earlyhelp.example" },
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
 * Seeds the demo partnership into a migrated, empty database, with Lily's story so far (db/demo/): her first map, a
 * strategy meeting, the initial conference that made her plan, and its first core group. `now`: the seed's clock,
 * from which the story's days are counted back (its actions fall due after it); `calendar`: the working days it counts
 * (the deployment's, from BANK_HOLIDAYS_FILE, unless given).
 */
export async function seedDemoPartnership(sql: Sql, opts: { now?: Date; calendar?: Calendar } = {}): Promise<void> {
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
      await tx`insert into authenticator_apps (user_id, secret, created_at, confirmed_at)
               values (${row.id}, ${Buffer.from(DEMO_AUTHENTICATOR_KEY)}, now(), now())`;
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
    // Loaded only to seed: the browser tests read the demo's people from this module, and their loader does not take
    // the calendar's JSON that the story counts its days with.
    const { seedLilysStory } = await import("./demo/lily");
    await seedLilysStory(tx as unknown as Sql, {
      caseId: caseIds.get("SBC-2026-0147")!,
      userIds,
      person: (key) => ({ userId: userIds.get(key)!, agencyId: demoUser(key).agencyId }),
      account: (key) => demoUser(key),
      now: opts.now ?? new Date(),
      calendar: opts.calendar,
    });
    await tx`insert into portal_settings (key, value) values ('demo_seeded', 'true'::jsonb)`;
  });
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
    `Then a code from an authenticator app: every demo person's key is ${displayKey(DEMO_AUTHENTICATOR_KEY)}`,
    "  (add it to any authenticator app, or run `npm run demo:code` in another terminal for the current code).",
  ];
}

// The portal the case-team tests (tests/integration/case-team*.test.ts) run against, with the lead social worker
// signed in and a police team manager added, and what those tests ask of it: the team's rows, audit counts, an open
// case page (its live notes and its socket.io room) and whether late words were kept.
import { signInThroughBothSteps } from "./demo-codes";
import { afterAll, beforeAll, expect } from "vitest";
import { demoUser, DEMO_PASSWORD } from "../../db/seed";
import { providerFor, synced, type TestProvider } from "./collab-client";
import { connectSocket, type PortalSocket } from "./socket-client";
import { startTestServer, type TestServer } from "./test-server";

export let server: TestServer;
export let socialWorker: string;
export const openClients: TestProvider[] = [];
export const openSockets: PortalSocket[] = [];

// Nobody in the seed manages for the police; this one is added here, with the demo password.
export const policeManager = { fullName: "Kim Dale", email: "kim.dale@kestrelvale-police.example" };

/** Starts the portal for the test file that calls this (at its top level), and stops it and what was opened after. */
export function useCaseTeamPortal(): void {
  beforeAll(async () => {
    server = await startTestServer(); // ACCESS_RECHECK_MS left at its default (2 s), as in production
    socialWorker = await server.signIn("socialWorker");
    await server.db.sql`
      insert into users (agency_id, role, full_name, job_title, email, password_hash)
      select agency_id, 'manager', ${policeManager.fullName}, 'Detective inspector, Public Protection Unit', ${policeManager.email}, password_hash
      from users where email = ${demoUser("police").email}`;
  });
  afterAll(async () => {
    for (const client of openClients) client.destroy();
    for (const socket of openSockets) socket.close();
    await server?.close();
  });
}

export const teamPath = "/cases/1/team";

export async function userId(key: string): Promise<number> {
  const [row] = await server.db.sql<{ id: string }[]>`select id from users where email = ${demoUser(key).email}`;
  return Number(row.id);
}

/** The police manager, added by the test without an authenticator app, sets one up as they sign in. */
export function signInPoliceManager(): Promise<string> {
  return signInThroughBothSteps(server, { portal: server.origin, email: policeManager.email, password: DEMO_PASSWORD });
}

/** Every row that says who works on a case, removed or not: a refused request must leave all of it as it was. */
export async function teamRows(caseId = 1) {
  const members = await server.db.sql`
    select id::int, user_id::int, role_on_case, is_lead, removed_at, removed_by::int from case_members
    where case_id = ${caseId} order by id`;
  const agencies = await server.db.sql`
    select agency_id, is_lead, added_at, added_by::int, removed_at, removed_by::int from case_agencies
    where case_id = ${caseId} order by agency_id`;
  return JSON.stringify({ members, agencies });
}

export async function auditCount(where: { action: string; outcome: string; userKey: string; target?: string }): Promise<number> {
  const [row] = await server.db.sql<{ count: number }[]>`
    select count(*)::int as count from audit_events
    where action = ${where.action} and outcome = ${where.outcome} and case_id = 1
      and user_id = (select id from users where email = ${demoUser(where.userKey).email})
      ${where.target ? server.db.sql`and target = ${where.target}` : server.db.sql``}`;
  return row.count;
}

/** An open case page, as a browser holds it: the live notes' Yjs socket and the case's socket.io room. */
export async function openCase(cookie: string) {
  const notes = providerFor(server.url, "case:1:notes", { cookie });
  openClients.push(notes);
  await synced(notes);
  const socket = await connectSocket(server.url, { cookie });
  openSockets.push(socket);
  expect((await socket.emitWithAck("room:join", "case:1")).ok).toBe(true);
  // Listening before anything is removed, so the event cannot pass unheard.
  const roomRemoved = new Promise<{ room: string; reason: string; at: number }>((resolve) =>
    socket.once("room:removed", (update) => resolve({ ...update, at: Date.now() })),
  );
  return { notes, socket, roomRemoved };
}

export async function withinSeconds<T>(promise: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not within ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes a removed person's notes page, then: Lily's case notes, as the lead opens them and as stored, lack `lateWords`. */
export async function neverKept(notes: TestProvider, lateWords: string) {
  notes.destroy();
  const later = providerFor(server.url, "case:1:notes", { cookie: socialWorker });
  openClients.push(later);
  await synced(later);
  expect(later.doc.getText("notes").toString()).not.toContain(lateWords);
  await server.portal.collab.flush();
  const stored = await server.db.sql`select update from collab_updates where document = 'case:1:notes'`;
  expect(stored.map((row) => Buffer.from(row.update).toString("latin1")).join("")).not.toContain(lateWords);
}

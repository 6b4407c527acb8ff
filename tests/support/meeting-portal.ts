// The portal the meeting-controls tests run against: the people of Lily's case signed in, their ids by email name,
// and a strategy meeting convened by its chair.
import { afterAll, beforeAll } from "vitest";
import { meetingForm } from "./meeting-form";
import { startTestServer, type TestServer } from "./test-server";

export let server: TestServer;
export const cookies: Record<string, string> = {};
/** Each person's id, by the part of their email before the @ ("helen.ward"). */
export const ids: Record<string, number> = {};
export const people = ["chair", "socialWorker", "teamManager", "police", "health", "education", "partnershipManager"] as const;

/** Starts the portal for the test file that calls this (at its top level), and stops it after. */
export function useMeetingPortal(): void {
  beforeAll(async () => {
    server = await startTestServer();
    await signInEveryone();
    for (const row of await server.db.sql<{ id: string; email: string }[]>`select id, email from users`) ids[row.email.split("@")[0]] = Number(row.id);
  });
  afterAll(async () => {
    await server?.close();
  });
}

/** Signs everyone in again (after the clock has moved past their sessions' lifetime). */
export async function signInEveryone(): Promise<void> {
  for (const key of people) cookies[key] = await server.signIn(key);
}

/** Helen Ward convenes a strategy meeting on Lily's case with these invitees (by email name); its page's path. */
export async function convene(invitees = ["sam.okafor", "alex.morgan", "nadia.hussain", "emma.clarke"]): Promise<string> {
  const form = meetingForm({ concern: "Lily came to school hungry with a bruise on her arm.", chairUserId: String(ids["helen.ward"]) });
  for (const invitee of invitees) form.append("invitee", String(ids[invitee]));
  const response = await fetch(`${server.url}/cases/1/meetings/new`, {
    method: "POST",
    redirect: "manual",
    body: form,
    headers: { origin: server.origin, "content-type": "application/x-www-form-urlencoded", cookie: cookies.chair },
  });
  if (response.status !== 302) throw new Error(`convening failed with ${response.status}`);
  return response.headers.get("location")!;
}

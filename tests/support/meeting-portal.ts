// The portal the meeting-controls tests run against: the people of Lily's case signed in, their ids by email name,
// a strategy meeting convened by its chair, and the forms a page offers (read from its HTML, as a browser would send
// them).
import { afterAll, beforeAll } from "vitest";
import { meetingForm } from "./meeting-form";
import { openForOversight } from "./oversight-access";
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

/**
 * Signs everyone in again (after the clock has moved past their sessions' lifetime). The partnership manager, on no
 * case, oversees Lily's having said why (decision 039), again each time, as that too runs out.
 */
export async function signInEveryone(): Promise<void> {
  for (const key of people) cookies[key] = await server.signIn(key);
  await openForOversight(server, cookies.partnershipManager, 1);
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
/**
 * The chair takes a meeting convened by `convene` to sign-off: the chair present, everyone else's apologies, the
 * decisions (an enquiry, no conference), the chair's scaling, then sign-off; each step must be accepted.
 */
export async function signOff(meeting: string): Promise<void> {
  const attendance: Record<string, string> = { intent: "attendance" };
  for (const person of ["helen.ward", "sam.okafor", "alex.morgan", "nadia.hussain", "emma.clarke"]) attendance[`attendance-${ids[person]}`] = "apologies";
  attendance[`attendance-${ids["helen.ward"]}`] = "present";
  const decisions = {
    intent: "decisions", section47: "yes", section47Why: "Reasonable cause.", policeInvestigation: "none", immediateProtection: "no", icpc: "no",
    familyTold: "no", familyNotToldWhy: "Not yet.",
  };
  for (const form of [attendance, decisions, { intent: "scale", score: "5", reasons: "Kerry acts to protect." }, { intent: "sign-off" }]) {
    const response = await server.post(meeting, form, cookies.chair);
    if (response.status !== 302) throw new Error(`${form.intent} failed with ${response.status}`);
    if (response.headers.get("location")?.startsWith("/account/confirm")) throw new Error(`${form.intent} was sent to confirm it is them`);
  }
}

/** A form on a page: where it posts, the fields it would send as the page shows them, and the names of its controls. */
export type PageForm = { action: string; fields: Record<string, string>; controls: string[] };

const attribute = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
const decode = (text: string) => text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/** Every form on the page that posts, with what a browser would send from it untouched. */
export function postForms(html: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, tag, body] = match;
    if (attribute(tag, "method")?.toLowerCase() !== "post") continue;
    const fields: Record<string, string> = {};
    const controls: string[] = [];
    for (const input of body.matchAll(/<input\b[^>]*>/g)) {
      const name = attribute(input[0], "name");
      if (!name) continue;
      controls.push(name);
      const type = attribute(input[0], "type") ?? "text";
      if ((type === "radio" || type === "checkbox") && !/\schecked=""/.test(input[0])) continue;
      fields[name] = decode(attribute(input[0], "value") ?? "");
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attribute(select[1], "name");
      if (!name) continue;
      controls.push(name);
      const chosen = select[2].match(/<option\b[^>]*\sselected=""[^>]*>/)?.[0] ?? select[2].match(/<option\b[^>]*>/)?.[0] ?? "";
      fields[name] = decode(attribute(chosen, "value") ?? "");
    }
    for (const textarea of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attribute(textarea[1], "name");
      if (!name) continue;
      controls.push(name);
      fields[name] = decode(textarea[2]);
    }
    forms.push({ action: decode(attribute(tag, "action") ?? ""), fields, controls });
  }
  return forms;
}

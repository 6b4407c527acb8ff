// Meetings made through the pages' own forms, for browser tests whose subject comes after them (a conference, a
// plan's pages): a form posted from a signed-in page's session, and a strategy meeting held and signed off.
import { expect, type Page } from "@playwright/test";

/** A form as a browser sends it (repeated fields for invitees), from this page's signed-in session; where it led. */
export async function postForm(page: Page, path: string, fields: Record<string, string | string[]>): Promise<string> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(path, { data: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded", origin }, maxRedirects: 0 });
  expect(response.status(), `${path} ${fields.intent ?? ""}: ${response.status() === 302 ? "" : await response.text()}`).toBe(302);
  return new URL(response.headers().location, origin).pathname;
}

/**
 * Holds the strategy meeting at `path` and signs it off, calling for the initial conference: everyone in `present`
 * attends, social care, police and health scale, and the chair records the decisions (section 47, a joint
 * investigation, the conference) before signing off.
 */
export async function holdStrategyMeetingCallingForConference(pages: { chair: Page; police: Page; health: Page }, path: string, present: readonly string[]) {
  const attendance: Record<string, string> = { intent: "attendance" };
  for (const id of present) attendance[`attendance-${id}`] = "present";
  await postForm(pages.chair, path, attendance);
  await postForm(pages.chair, path, { intent: "scale", score: "3", reasons: "Social care is worried." });
  await postForm(pages.police, path, { intent: "scale", score: "3", reasons: "Police are worried." });
  await postForm(pages.health, path, { intent: "scale", score: "4", reasons: "Health is worried." });
  await postForm(pages.chair, path, {
    intent: "decisions", section47: "yes", section47Why: "Reasonable cause.", policeInvestigation: "joint", immediateProtection: "no", icpc: "yes",
    familyTold: "no", familyNotToldWhy: "Told after the joint visit.",
  });
  await postForm(pages.chair, path, { intent: "sign-off" });
}

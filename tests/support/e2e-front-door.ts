// A case opened at the front door through the pages' own forms, for browser tests that need a case of their own that
// no other test touches: the school refers a child, the MASH social worker records consent, confirms the child is not
// known and proposes a strategy discussion, and the team manager authorises it. The new case's address.
import type { Page } from "@playwright/test";
import { completeAnswers, lily } from "./referral-portal";
import { postForm } from "./e2e-meetings";

export async function caseFromTheFrontDoor(pages: { school: Page; screener: Page; manager: Page }, childName: string): Promise<string> {
  for (const page of Object.values(pages)) if (!page.url().startsWith("http")) await page.goto("/");
  const draft = await postForm(pages.school, "/referrals/new", {});
  const id = Number(draft.match(/^\/referrals\/(\d+)\/child$/)![1]);
  await postForm(pages.school, `/referrals/${id}/child`, { ...lily, fullName: childName });
  for (const [step, form] of Object.entries(completeAnswers)) await postForm(pages.school, `/referrals/${id}/${step}`, form);
  await postForm(pages.school, `/referrals/${id}/check-answers`, {});
  await postForm(pages.screener, `/front-door/${id}/consent`, { consent: "given", reason: "Asked by phone." });
  await pages.screener.goto(`/front-door/${id}`);
  const match = await pages.screener.getByRole("link", { name: `Match ${childName}` }).getAttribute("href");
  const child = new URL(match!, "http://x").searchParams.get("child")!;
  await postForm(pages.screener, `/front-door/${id}/match`, { child, match: "none" });
  await postForm(pages.screener, `/front-door/${id}/decision`, { outcome: "strategy_discussion", rationale: "Significant harm suspected.", feedback: "A strategy discussion will be held." });
  await pages.manager.goto(`/front-door/${id}/decision/authorise`);
  const proposalId = await pages.manager.locator('input[name="proposalId"]').inputValue();
  await postForm(pages.manager, `/front-door/${id}/decision/authorise`, { proposalId, answer: "authorise", feedback: "A strategy discussion will be held." });
  await pages.manager.goto(`/front-door/${id}`);
  const caseLink = await pages.manager.getByTestId("consent-and-decision").getByRole("link", { name: "Open the case" }).getAttribute("href");
  return caseLink!;
}

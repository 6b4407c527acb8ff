// Step down to early help as its people work it (decision 038), on a case of its own opened at the front door (so no
// other test's case changes lead): the team manager proposes a step down from the case page (refused first without a
// rationale); early help's team manager, with Your work open, sees it arrive without a reload, is refused a decline
// without a reason, and accepts it, naming the early help practitioner to lead; the team manager's open case page
// follows live. The new pages pass axe at desktop width and on a 375 px screen.
import { expect, test } from "@playwright/test";
import { axeAtBothWidths, newSignedInContext, signIn } from "../support/e2e-fixtures";
import { caseFromTheFrontDoor } from "../support/e2e-front-door";

const child = "Kai Ellison";

test("a step down is proposed with a rationale and accepted by early help's manager, live", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const school = await newSignedInContext(browser, "education");
  const screener = await newSignedInContext(browser, "screener");
  await signIn(page, "teamManager", { axe: false });
  const casePath = await caseFromTheFrontDoor({ school: school.page, screener: screener.page, manager: page }, child);
  await school.context.close();
  await screener.context.close();

  const manager = await newSignedInContext(browser, "earlyHelpManager");
  await manager.page.goto("/");
  await expect(manager.page.getByRole("heading", { level: 1, name: "Your work" })).toBeVisible();
  await expect(manager.page.getByRole("link", { name: `Step down to early help for ${child}` })).toHaveCount(0);

  await page.goto(casePath);
  const section = page.getByTestId("case-transitions");
  await expect(section).toContainText("This case has not stepped up or down.");
  await section.getByRole("button", { name: "Propose a step down to early help" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Step down to early help/ })).toBeVisible();
  await axeAtBothWidths(page);

  // No rationale: refused, and nothing proposed.
  await page.getByRole("button", { name: "Propose the step down to early help" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the rationale: why this child's work should move");
  await axeAtBothWidths(page);
  await page.getByLabel("Rationale").fill("Kai's needs are met at home now; his mother asked for help with routines.");
  await page.getByRole("button", { name: "Propose the step down to early help" }).click();
  await expect(section).toContainText("Waiting for Sandmere Early Help Service to accept or decline");
  await axeAtBothWidths(page);

  // Early help's manager hears of it on Your work, without a reload.
  const waiting = manager.page.getByTestId("transitions-to-answer");
  await expect(waiting).toContainText(`Step down to early help for ${child}`);
  await axeAtBothWidths(manager.page);
  await waiting.getByRole("link", { name: `Step down to early help for ${child}` }).click();
  await expect(manager.page.getByTestId("transition-summary")).toContainText("his mother asked for help with routines");
  await axeAtBothWidths(manager.page);

  await manager.page.getByRole("radio", { name: "Decline" }).check();
  await manager.page.getByRole("button", { name: "Send your answer" }).click();
  await expect(manager.page.locator(".govuk-error-summary")).toContainText("Enter why you are declining the transition");
  await axeAtBothWidths(manager.page);

  await manager.page.getByRole("radio", { name: "Accept" }).check();
  await manager.page.getByLabel("If you accept: who in your team will lead the work?").selectOption({ label: "Ben Tranter, Early help practitioner" });
  await manager.page.getByRole("button", { name: "Send your answer" }).click();
  await expect(manager.page.locator(".govuk-notification-banner--success")).toContainText("You accepted the transition");
  await expect(manager.page.getByTestId("transition-summary")).toContainText("Ben Tranter leads the work");
  await axeAtBothWidths(manager.page);

  // The team manager's open case page follows: early help leads now.
  await expect(section).toContainText("Accepted");
  await expect(section).toContainText("Ben Tranter leads the work");
  await expect(page.getByText("Sandmere Early Help Service (lead agency)")).toBeVisible();
  await manager.context.close();
});

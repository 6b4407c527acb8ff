// The front door as the screening team works it: the police screener opens the queue from the header, sees the demo's
// referrals soonest due first (the red one overdue), opens the one not yet rated, is refused a rating without a reason,
// rates it red with one, and the team manager's open queue changes without a reload. The queue and the contact page
// pass axe at desktop width and on a 375 px screen.
import { expect, test } from "@playwright/test";
import { axeAtBothWidths, newSignedInContext, signIn } from "../support/e2e-fixtures";

test("a screener rates a referral with a reason; the manager's queue follows live", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const manager = await newSignedInContext(browser, "teamManager");
  await manager.page.goto("/front-door");
  const managersRuby = manager.page.getByRole("row", { name: /Ruby Hale/ });
  await expect(managersRuby).toContainText("Not rated");

  await signIn(page, "policeScreener", { axe: false });
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Front door" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Front door" })).toBeVisible();
  const rows = page.getByTestId("front-door-queue").locator("tbody tr");
  await expect(rows.first()).toContainText("Mason Reid");
  await expect(rows.first()).toContainText(/Overdue by/);
  await axeAtBothWidths(page);

  await page.getByRole("link", { name: /Ruby Hale/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Screen the referral about Ruby Hale" })).toBeVisible();
  await expect(page.getByText("Not rated yet.")).toBeVisible();
  await axeAtBothWidths(page);

  // No reason: refused, and nothing is rated.
  await page.getByRole("radio", { name: "Red" }).check();
  await page.getByRole("button", { name: "Save the rating" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("Enter why you gave this rating");
  await expect(page.getByText("Not rated yet.")).toBeVisible();
  await axeAtBothWidths(page);

  await page.getByLabel("Why this rating?").fill("Self-harm and a child who says home is not safe to talk about.");
  await page.getByRole("button", { name: "Save the rating" }).click();
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Rated red");
  await expect(page.getByTestId("rating-history")).toContainText("Sergeant Dev Patel, Kestrel Vale Police");
  await expect(page.getByTestId("contact-status")).toContainText("Red");
  await axeAtBothWidths(page);

  // The manager's queue heard of it and loaded again.
  await expect(managersRuby).toContainText("Red");
  await manager.context.close();
});

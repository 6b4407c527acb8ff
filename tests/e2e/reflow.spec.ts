// Reflow (WCAG 1.4.10) on a 375 px wide screen: "Your work", the front sheet and a strategy meeting's page fit without
// scrolling sideways (wide tables scroll inside their own labelled region; long words wrap), and axe finds nothing on
// them, including the order of headings, which is also checked on the map and child's voice pages.
import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, signedInContexts } from "../support/e2e-fixtures";

const as = signedInContexts();
const NARROW = { width: 375, height: 800 };

/** The page is no wider than the screen, axe finds nothing, and no heading skips a level. */
async function fitsAndPasses(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("h1")).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${path} is ${width} px wide on a ${NARROW.width} px screen`).toBeLessThanOrEqual(NARROW.width);
  await expectNoAxeViolations(page);
  const headings = await new AxeBuilder({ page }).withRules(["heading-order"]).analyze();
  expect(headings.violations.flatMap((violation) => violation.nodes.map((node) => `${path}: ${node.target.join(" ")}`))).toEqual([]);
}

test("at 375 px, Your work, the front sheet and a meeting fit the screen for the chair and an invitee, and axe passes", async ({ browser }) => {
  test.setTimeout(120_000);
  const chair = await as(browser, "chair");
  const police = await as(browser, "police");
  for (const { page } of [chair, police]) await page.setViewportSize(NARROW);

  // The chair convenes a meeting on the narrow screen; the concern holds a word longer than the screen is wide.
  const longWord = `Unbroken${randomBytes(24).toString("hex")}`;
  await chair.page.goto("/cases/1/meetings/new");
  await chair.page.getByRole("group", { name: "Date" }).getByLabel("Day").fill("10");
  await chair.page.getByRole("group", { name: "Date" }).getByLabel("Month").fill("12");
  await chair.page.getByRole("group", { name: "Date" }).getByLabel("Year").fill("2026");
  await chair.page.getByLabel("Time").fill("10:00");
  await chair.page.getByLabel("Video call").check();
  await chair.page.getByLabel("The concern of significant harm").fill(`Lily came to school hungry. ${longWord}`);
  await chair.page.getByRole("button", { name: "Convene the meeting" }).click();
  await expect(chair.page).toHaveURL(/\/cases\/1\/meetings\/\d+$/);
  const meeting = new URL(chair.page.url()).pathname;
  await expect(chair.page.getByText(longWord)).toBeVisible();

  // Attendance, and an action, so the page's tables have rows.
  await chair.page.getByLabel("Attendance of Alex Morgan").selectOption("present");
  await chair.page.getByRole("button", { name: "Save attendance" }).click();
  await expect(chair.page.getByTestId(/^attendance-recorded-/).filter({ hasText: "Helen Ward" })).toHaveCount(1);
  await chair.page.getByLabel("What will be done", { exact: true }).fill("Share the call-out history with the conference");
  await chair.page.getByLabel("Who will do it").selectOption({ label: "Alex Morgan, Kestrel Vale Police" });
  await chair.page.getByLabel("By when", { exact: true }).fill("4 12 2027");
  await chair.page.getByRole("button", { name: "Add the action" }).click();
  await expect(chair.page.getByTestId("actions")).toContainText("Share the call-out history");

  for (const path of ["/", "/cases/1", meeting]) await fitsAndPasses(chair.page, path);
  // The invitee's "Your work" lists the invitation; their meeting page has their own attendance and action to update.
  for (const path of ["/", "/cases/1", meeting]) await fitsAndPasses(police.page, path);
  await expect(police.page.getByRole("button", { name: /Update the status of: Share the call-out history/ })).toBeVisible();
  // A wide table scrolls inside its own region, which the keyboard reaches and which says what it holds.
  const region = police.page.getByRole("region", { name: "Who was invited, and whether they attended" });
  await expect(region).toHaveAttribute("tabindex", "0");
});

test("at 375 px, the map and the child's voice pages fit the screen, and no heading skips a level", async ({ browser }) => {
  test.setTimeout(60_000);
  const { page } = await as(browser, "health");
  await page.setViewportSize(NARROW);
  await fitsAndPasses(page, "/cases/1/maps/1");
  // Again once the live editors have loaded in place of the stored map.
  await expect(page.getByTestId("live-notes-status")).toHaveText("Connected", { timeout: 15_000 });
  await expect(page.getByRole("textbox", { name: "Harm", exact: true })).toBeVisible();
  const headings = await new AxeBuilder({ page }).withRules(["heading-order"]).analyze();
  expect(headings.violations.map((violation) => violation.id)).toEqual([]);
  await fitsAndPasses(page, "/cases/1/child-voice");
  await expect(page.getByRole("heading", { level: 2, name: /^Seen on / }).first()).toBeVisible();
});

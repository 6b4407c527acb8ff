// The oversight pages in a browser (issue 13): the partnership manager has the dashboard open while Lily's lead social
// worker says at a core group that one of her plan's actions is done; "Actions done on time" counts one more without
// a reload. The CSV downloaded from a table holds what the table shows; axe finds nothing on the dashboard, a
// drill-down and the print view, at desktop width and at 375 px.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../support/csv";
import { axeAtBothWidths, DESKTOP, signedInContexts } from "../support/e2e-fixtures";

const as = signedInContexts();

/** Lily's plan's action owned by the school (db/demo/lily-plan.ts): no other browser test says it is done. */
const SCHOOL_ACTION = "Check Lily's attendance and whether she has had breakfast";

/** "(3 of 7)" in a headline: how many it is of. */
const denominatorOf = async (page: Page, measureId: string) => {
  const text = await page.getByTestId(`headline-${measureId}`).innerText();
  return Number(/of (\d+)\)/.exec(text)?.[1] ?? 0);
};

/** A table as a person reads it: the header row, then each row's cells. */
const cellsOf = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((table) =>
    [...table.querySelectorAll("tr")].map((row) => [...row.querySelectorAll("th, td")].map((cell) => (cell as HTMLElement).innerText.replace(/\s+/g, " ").trim())),
  );

test("an action said done at a core group moves the partnership manager's open dashboard without a reload", async ({ browser }) => {
  test.setTimeout(180_000);
  const manager = await as(browser, "partnershipManager");
  const lead = await as(browser, "socialWorker");
  for (const { page } of [manager, lead]) await page.setViewportSize(DESKTOP);

  await manager.page.goto("/oversight");
  await expect(manager.page.getByRole("heading", { level: 1, name: "Oversight of multi-agency work" })).toBeVisible();
  const before = await denominatorOf(manager.page, "actions-on-time");
  // Marks this very page: a reload would lose it.
  await manager.page.evaluate(() => ((window as unknown as { oversightMark: number }).oversightMark = 1));

  // The lead social worker schedules a core group for today and says the school's action is done there.
  await lead.page.goto("/cases/1/core-groups/new");
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date()).split("-");
  const date = lead.page.getByRole("group", { name: "Date" });
  await date.getByLabel("Day").fill(String(Number(day)));
  await date.getByLabel("Month").fill(String(Number(month)));
  await date.getByLabel("Year").fill(year);
  await lead.page.getByLabel("Time").fill("09:30");
  await lead.page.getByLabel("Video call").check();
  await lead.page.getByRole("button", { name: "Schedule the core group" }).click();
  await expect(lead.page).toHaveURL(/\/cases\/1\/core-groups\/\d+$/);
  const card = lead.page.getByTestId(/^progress-\d+$/).filter({ hasText: SCHOOL_ACTION });
  await card.getByLabel(/^How action [\d.]+ stands$/).selectOption({ label: "Done" });
  await card.getByLabel("A short note").fill("Attendance checked every morning this term.");
  await card.getByRole("button", { name: /^Record progress/ }).click();
  await expect(lead.page.getByRole("alert")).toContainText("The action's progress has been recorded.");

  // Within seconds the manager's dashboard counts it, on the same page.
  await expect.poll(() => denominatorOf(manager.page, "actions-on-time"), { timeout: 20_000 }).toBeGreaterThan(before);
  expect(await manager.page.evaluate(() => (window as unknown as { oversightMark?: number }).oversightMark)).toBe(1);
});

test("a table's CSV holds what the table shows", async ({ browser }) => {
  const manager = await as(browser, "partnershipManager");
  await manager.page.setViewportSize(DESKTOP);
  await manager.page.goto("/oversight");
  for (const testId of ["table-contacts-in-time", "trend-table-contacts-in-time"]) {
    const shown = await cellsOf(manager.page, testId);
    const [download] = await Promise.all([manager.page.waitForEvent("download"), manager.page.getByTestId(`${testId}-csv`).click()]);
    expect(download.suggestedFilename()).toMatch(/^contacts-in-time-(figures|trend)-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const downloaded = parseCsv(readFileSync(path, "utf8")).map((cells) => cells.map((cell) => cell.replace(/\s+/g, " ").trim()));
    expect(downloaded).toEqual(shown);
  }
});

test("axe finds nothing on the dashboard, a drill-down and the print view", async ({ browser }) => {
  test.setTimeout(180_000);
  const manager = await as(browser, "partnershipManager");
  await manager.page.goto("/oversight");
  await expect(manager.page.getByTestId("measure-contacts-in-time")).toBeVisible();
  await axeAtBothWidths(manager.page);

  await manager.page.getByTestId("measure-contacts-in-time").getByRole("link", { name: /^See what this counts/ }).click();
  await expect(manager.page).toHaveURL(/\/oversight\/contacts-in-time\?/);
  await expect(manager.page.getByTestId("drill-down")).toBeVisible();
  await axeAtBothWidths(manager.page);

  await manager.page.goto("/oversight");
  await manager.page.getByRole("link", { name: "Print these figures for a board paper" }).click();
  await expect(manager.page.getByTestId("oversight-print")).toBeVisible();
  await axeAtBothWidths(manager.page);

  // A bad range: the error summary, and axe finds nothing there either.
  await manager.page.goto("/oversight?fromDay=1&fromMonth=6&fromYear=2026&toDay=1&toMonth=5&toYear=2026");
  await expect(manager.page.getByRole("alert")).toContainText("End date must be the same as or after the start date");
  await axeAtBothWidths(manager.page);
});

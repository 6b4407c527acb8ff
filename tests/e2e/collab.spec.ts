// Live case notes, end to end: two agencies type into the same case's notes in two browsers and see each other's
// words, labelled carets and presence; a partnership manager, having said why they open the case, reads the same
// notes but cannot change them. The e2e server is shared by the whole run (other tests open case 1 too), so every
// assertion looks for this run's own words.
import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { expectNoAxeViolations, newSignedInContext } from "../support/e2e-fixtures";

const police = { key: "police", caret: "Alex Morgan (Kestrel Vale Police)", name: "Alex Morgan", agency: "Kestrel Vale Police" };
const health = {
  key: "health",
  caret: "Nadia Hussain (Sandmere Community Health NHS Trust)",
  name: "Nadia Hussain",
  agency: "Sandmere Community Health NHS Trust",
};

/** Console errors, uncaught exceptions and CSP violations (Chromium reports those as console errors). */
function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

const notesEditor = (page: Page) => page.getByRole("textbox", { name: "Case notes (live)" });
const presenceList = (page: Page) => page.getByRole("list", { name: "Who is here now" });
const connectionStatus = (page: Page) => page.getByTestId("live-notes-status");

async function openCaseNotes(page: Page) {
  await page.goto("/cases/1");
  await expect(page.getByRole("heading", { level: 2, name: "Case notes (live)" })).toBeVisible();
  await expect(page.getByText("Everyone on this case can see what you type as you type it.")).toBeVisible();
  await expect(page.getByRole("link", { name: "See the history of these notes" })).toHaveAttribute("href", "/cases/1/notes/history");
  await expect(notesEditor(page)).toBeVisible({ timeout: 15_000 });
  await expect(connectionStatus(page)).toHaveText("Connected");
}

/** Types a new paragraph at the end of the notes. */
async function typeAtEnd(page: Page, text: string) {
  const editor = notesEditor(page);
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text, { delay: 10 });
}

test.describe("live case notes", () => {
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  test("the server sends a placeholder and no editor code; the browser loads the editor", async ({ browser }) => {
    const { context, page } = await newSignedInContext(browser, police.key);
    contexts.push(context);
    const response = await page.request.get("/cases/1");
    const html = await response.text();
    expect(html).toContain("Loading the live notes…");
    expect(html).toContain("<noscript>");
    expect(html).not.toContain("ProseMirror");
    const errors = watchForErrors(page);
    await openCaseNotes(page);
    await expect(page.getByText("Loading the live notes…")).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test("police and health type into the same notes and see each other's words, carets and presence", async ({ browser }) => {
    test.setTimeout(60_000);
    const run = randomBytes(4).toString("hex");
    const policeWords = `Police visit planned ${run}`;
    const healthWords = `Health visitor saw Lily ${run}`;

    const a = await newSignedInContext(browser, police.key);
    const b = await newSignedInContext(browser, health.key);
    contexts.push(a.context, b.context);
    const policeErrors = watchForErrors(a.page);
    const healthErrors = watchForErrors(b.page);

    await openCaseNotes(a.page);
    await openCaseNotes(b.page);

    // Both are present, by name and agency in words.
    for (const page of [a.page, b.page]) {
      await expect(presenceList(page)).toContainText(`${police.name}, ${police.agency}`);
      await expect(presenceList(page)).toContainText(`${health.name}, ${health.agency}`);
    }
    await expect(presenceList(a.page)).toContainText(`${police.name}, ${police.agency} (you)`);
    await expect(presenceList(b.page)).toContainText(`${health.name}, ${health.agency} (you)`);

    await typeAtEnd(a.page, policeWords);
    await expect(notesEditor(b.page)).toContainText(policeWords);
    // Health sees police's caret, labelled with the name and agency the server vouches for.
    // (.first(): another test may have its own police tab open on case 1 at the same time.)
    await expect(b.page.locator(".collaboration-carets__label", { hasText: police.caret }).first()).toBeVisible();

    await typeAtEnd(b.page, healthWords);
    await expect(notesEditor(a.page)).toContainText(healthWords);
    await expect(a.page.locator(".collaboration-carets__label", { hasText: health.caret }).first()).toBeVisible();
    await expect(notesEditor(a.page)).toContainText(policeWords);

    // The page with the editor, carets and presence passes axe.
    await expectNoAxeViolations(a.page);
    await expectNoAxeViolations(b.page);

    // When health leaves, police's presence list follows (no other test in this run opens case 1 as health).
    await b.context.close();
    await expect(presenceList(a.page)).not.toContainText(health.agency);

    // What was typed is kept: a new visit reads it back from the server.
    await a.page.reload();
    await expect(notesEditor(a.page)).toContainText(healthWords, { timeout: 15_000 });
    await expect(notesEditor(a.page)).toContainText(policeWords);

    expect(policeErrors).toEqual([]);
    expect(healthErrors).toEqual([]);
  });

  test("a partnership manager reads the live notes but cannot change them", async ({ browser }) => {
    test.setTimeout(60_000);
    const run = randomBytes(4).toString("hex");
    const policeWords = `Strategy discussion booked ${run}`;
    const attempt = `manager tried to write ${run}`;

    const writer = await newSignedInContext(browser, police.key);
    const reader = await newSignedInContext(browser, "partnershipManager");
    contexts.push(writer.context, reader.context);
    const readerErrors = watchForErrors(reader.page);
    const writerErrors = watchForErrors(writer.page);

    await openCaseNotes(writer.page);
    // Not on Lily's case, the partnership manager first says why they need to open it (decision 039); a server that
    // already holds their reason from an earlier test sends them straight to the case.
    await reader.page.goto("/cases/1/oversight-access");
    if (new URL(reader.page.url()).pathname === "/cases/1/oversight-access") {
      await expect(reader.page.getByRole("heading", { level: 1 })).toContainText("Why do you need to open this case?");
      await reader.page.getByLabel("Your reason").fill(`Board audit of the partnership's work on this case ${run}`);
      await reader.page.getByRole("button", { name: "Open the case" }).click();
    }
    await expect(reader.page).toHaveURL(/\/cases\/1$/);
    await openCaseNotes(reader.page);

    const editor = notesEditor(reader.page);
    await expect(editor).toHaveAttribute("contenteditable", "false");
    await expect(editor).toHaveAttribute("aria-readonly", "true");
    await expect(reader.page.locator(".govuk-inset-text")).toContainText("you can read these notes but not change them");

    await typeAtEnd(writer.page, policeWords);
    await expect(editor).toContainText(policeWords);

    // Typing does nothing: the editor is not editable, so nothing reaches the server to refuse.
    await editor.click();
    await reader.page.keyboard.type(attempt);
    await expect(editor).not.toContainText(attempt);
    await expect(notesEditor(writer.page)).not.toContainText(attempt);
    await expect(connectionStatus(reader.page)).toHaveText("Connected");
    await expect(reader.page.getByTestId("live-notes-ended")).toHaveCount(0);

    await expect(presenceList(writer.page)).toContainText("Marion Fields, Sandmere Safeguarding Children Partnership");
    await expectNoAxeViolations(reader.page);

    expect(readerErrors).toEqual([]);
    expect(writerErrors).toEqual([]);
  });

  test("when the session ends elsewhere, the notes stop, say so, and cannot be changed", async ({ browser, baseURL }) => {
    test.setTimeout(45_000);
    const { context, page } = await newSignedInContext(browser, health.key);
    contexts.push(context);
    const errors = watchForErrors(page);
    await openCaseNotes(page);
    await expect(notesEditor(page)).toHaveAttribute("contenteditable", "true");

    // Signing out from another tab of the same browser ends this session; the page stays open.
    const signOut = await context.request.post("/sign-out", { headers: { origin: baseURL! }, maxRedirects: 0 });
    expect(signOut.status()).toBe(302);

    const banner = page.getByRole("region", { name: "Important" });
    await expect(banner).toContainText("Your session has ended — sign in again", { timeout: 10_000 });
    await expect(banner.getByRole("link", { name: "Sign in again" })).toHaveAttribute("href", "/sign-in?next=%2Fcases%2F1");
    await expect(notesEditor(page)).toHaveAttribute("contenteditable", "false");
    await expect(connectionStatus(page)).toContainText("Not connected");
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});

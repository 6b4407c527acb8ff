// Helpers for the end-to-end tests: sign in through the real form, and check a page with axe.
import AxeBuilder from "@axe-core/playwright";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { totpCode, totpStep } from "../../server/auth/authenticator";
import { claimAcrossProcesses, demoCode, realClock } from "./demo-codes";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { demoUser, DEMO_PASSWORD } from "../../db/seed";
import { latestSignInPath } from "./e2e-outbox";

export { demoUser, DEMO_PASSWORD };

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the standard public bodies must meet. */
export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** What one axe check (two passes over the page) may take on a busy machine. */
const AXE_SECONDS = 15;

/** Runs axe on the page as it is now; fails with one readable line per violation and the elements it found. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // axe takes seconds a page when two workers drive several browsers on two cores: each check brings its own time to the
  // running test's limit, so a tour of many pages is never cut short by how many pages it has.
  test.info().setTimeout(test.info().timeout + AXE_SECONDS * 1000);
  const everything = await new AxeBuilder({ page }).withTags(wcagTags).disableRules(["target-size"]).analyze();
  // Links people write inside their own text in a live editor are inline targets, which WCAG 2.5.8 exempts; axe cannot
  // tell a short paragraph of them from a row of controls, so they are left out of the target-size check alone.
  const targets = await new AxeBuilder({ page }).withRules(["target-size"]).exclude(".ProseMirror a").analyze();
  const results = { violations: [...everything.violations, ...targets.violations] };
  const lines = results.violations.map((violation) => {
    const nodes = violation.nodes
      .slice(0, 5)
      .map((node) => `      ${node.target.join(" ")}\n        ${node.failureSummary?.replace(/\n/g, "\n        ") ?? ""}`)
      .join("\n");
    const more = violation.nodes.length > 5 ? `\n      …and ${violation.nodes.length - 5} more` : "";
    return `  [${violation.impact ?? "unknown"}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes}${more}`;
  });
  const summary = `axe found ${lines.length} accessibility violation(s) on ${page.url()}:\n${lines.join("\n")}`;
  expect(results.violations.map((violation) => violation.id), summary).toEqual([]);
}

/** A 375 px screen (WCAG 1.4.10 reflow) and a desktop one. */
export const NARROW = { width: 375, height: 800 };
export const DESKTOP = { width: 1280, height: 900 };

/** axe on the page as it is at desktop width; then at 375 px, axe again and nothing wider than the screen. */
export async function axeAtBothWidths(page: Page): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await expectNoAxeViolations(page);
  await page.setViewportSize(NARROW);
  const widest = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(widest, `${page.url()} is ${widest} px wide on a ${NARROW.width} px screen`).toBeLessThanOrEqual(NARROW.width);
  await expectNoAxeViolations(page);
  await page.setViewportSize(DESKTOP);
}

/** Signs in as a demo person (or anyone, given an email) through the real sign-in form, and checks the form with axe. */
export async function signIn(page: Page, userKey: string, opts: { email?: string; password?: string; axe?: boolean } = {}) {
  const email = opts.email ?? demoUser(userKey).email;
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to the Partnership Portal" })).toBeVisible();
  if (opts.axe !== false) await expectNoAxeViolations(page);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(opts.password ?? DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in(\?|$)/);
  // A demo person gives their code; anyone else (given by email) is left at the second step for the test to take.
  if (new URL(page.url()).pathname === "/sign-in/code" && !opts.email) await enterDemoCode(page, email);
}

/**
 * The second step of signing in, as a demo person: a code from their authenticator app (db/seed.ts). Two workers may
 * sign one person in at once, and the portal takes no step older than one it has taken: if a code arrives after a
 * newer one and is refused, the next unused one is given.
 */
export async function enterDemoCode(page: Page, email: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" })).toBeVisible();
  const port = Number(process.env.PORT_E2E || 3123);
  const claim = claimAcrossProcesses(`e2e-${port}`);
  for (let attempt = 1; ; attempt++) {
    await page.getByLabel("Code", { exact: true }).fill(await demoCode(`e2e-${port}`, email, claim, realClock));
    const answered = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/sign-in/code"));
    await page.getByRole("button", { name: "Continue" }).click();
    if ((await answered).status() !== 400) break;
    if (attempt >= 3) throw new Error(`the second step for ${email} was refused three times`);
  }
  await expect(page).not.toHaveURL(/\/sign-in\//);
}

/**
 * Sets up an authenticator app on the page the portal sends a new person to, as they would with their phone: the key
 * read from the page, a wrong code first (refused in the error summary), then the right one. Checks both pages with
 * axe; returns the recovery codes shown once, and leaves the person on Your work.
 */
export async function setUpAuthenticatorApp(page: Page): Promise<string[]> {
  await expect(page).toHaveURL(/\/sign-in\/set-up/);
  await expect(page.getByRole("heading", { level: 1, name: "Set up an authenticator app" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await axeAtBothWidths(page);
  const key = (await page.getByTestId("authenticator-key").innerText()).replace(/\s/g, "");
  await page.getByLabel("Code", { exact: true }).fill("000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("link", { name: /That code is not right/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Code", { exact: true }).fill(totpCode(new Uint8Array(decodeBase32IgnorePadding(key)), totpStep(new Date())));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your authenticator app is set up" })).toBeVisible();
  const codes = await page.getByTestId("recovery-codes").getByRole("listitem").allInnerTexts();
  expect(codes).toHaveLength(10);
  await axeAtBothWidths(page);
  await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Your work/ })).toBeVisible();
  return codes;
}

/** A separate browser (its own cookies) signed in as a demo person. */
export async function newSignedInContext(browser: Browser, userKey: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, userKey, { axe: false });
  return { context, page };
}

/** The header's "signed in as" text. */
export function signedInAs(page: Page) {
  return page.getByTestId("signed-in-as");
}

/** The main content, as people read it: for comparing two pages' text. */
export async function mainText(page: Page): Promise<string> {
  return (await page.locator("main").innerText()).replace(/\s+/g, " ").trim();
}

/** The newest sign-in link (a path) emailed to this address, read from the end-to-end server's outbox. */
export async function emailedSignInLink(email: string): Promise<string> {
  const port = Number(process.env.PORT_E2E || 3123);
  let path: string | null = null;
  await expect.poll(async () => (path = await latestSignInPath(port, email)), { message: `a sign-in link emailed to ${email}` }).not.toBeNull();
  return path!;
}

/** Fills in and sends the agency's scaling form on a map or meeting page. */
export async function scale(page: Page, score: string, reasons: string): Promise<void> {
  const form = page.locator("form.app-scaling-form");
  await form.getByLabel("Score, from 0 to 10").fill(score);
  await form.getByLabel("Reasons for this score").fill(reasons);
  await form.getByRole("button", { name: "Record the scaling" }).click();
}

/** Signs people in through the real form, each in a browser context of their own, closed after each test. */
export function signedInContexts(): (browser: Browser, userKey: string) => Promise<{ context: BrowserContext; page: Page }> {
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  return async (browser, userKey) => {
    const signedIn = await newSignedInContext(browser, userKey);
    contexts.push(signedIn.context);
    return signedIn;
  };
}

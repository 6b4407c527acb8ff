// Multi-agency live mapping, end to end, in real browsers: police, health and education map Lily's case together
// and scale it; education is refused the police's restricted notes at every door, down to the bytes; pasted script
// is neutralised; a professional removed while editing is stopped and told why. The e2e server is shared by the
// whole run, so each test looks for its own words.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";
import * as Y from "yjs";
import { expectNoAxeViolations, scale, signedInContexts } from "../support/e2e-fixtures";

const token = () => randomBytes(4).toString("hex");
const MAP = "/cases/1/maps/1";

const agencies = {
  police: "Kestrel Vale Police",
  health: "Sandmere Community Health NHS Trust",
  education: "Larkfield Primary School",
} as const;

/** Console errors, uncaught exceptions and CSP violations (Chromium reports those as console errors). */
function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    // A refused collaboration upgrade is logged by Chromium as a failed WebSocket: expected where a test asks for one.
    if (message.type() === "error" && !/WebSocket connection to .* failed|404 \(Not Found\)/.test(message.text()))
      errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

const part = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true });

async function openMap(page: Page, path = MAP) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 2, name: "What are we worried about?" })).toBeVisible();
  await expect(page.getByTestId("live-notes-status")).toHaveText("Connected", { timeout: 15_000 });
  await expect(part(page, "Harm")).toHaveAttribute("contenteditable", "true");
}

async function typeAtEnd(page: Page, partName: string, text: string) {
  await part(page, partName).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text, { delay: 5 });
}

const as = signedInContexts();

test("police, health and education map together: each one's words and scaling reach every browser without reload", async ({ browser }) => {
  test.setTimeout(90_000);
  const police = await as(browser, "police");
  const health = await as(browser, "health");
  const education = await as(browser, "education");
  const everyone = [police, health, education];
  const errors = everyone.map(({ page }) => watchForErrors(page));
  for (const { page } of everyone) await openMap(page);

  const words = { police: `Police harm ${token()}`, health: `Health strength ${token()}`, education: `School next step ${token()}` };
  await typeAtEnd(police.page, "Harm", words.police);
  await typeAtEnd(health.page, "Existing strengths", words.health);
  await typeAtEnd(education.page, "Next steps", words.education);
  for (const { page } of everyone) {
    await expect(part(page, "Harm")).toContainText(words.police);
    await expect(part(page, "Existing strengths")).toContainText(words.health);
    await expect(part(page, "Next steps")).toContainText(words.education);
  }
  // Whoever is mapping is listed on every page, by name and agency.
  await expect(police.page.getByRole("list", { name: "Who is here now" })).toContainText(`Emma Clarke, ${agencies.education}`);

  // A danger statement and its safety goal, added by health and written by police, is seen by education.
  await health.page.getByRole("button", { name: "Add a danger statement and its safety goal" }).click();
  // The keyboard lands in the new danger statement, so typing carries on there.
  await expect(health.page.locator(":focus")).toHaveAttribute("aria-labelledby", /^danger-/);
  await expect(police.page.getByTestId("statement-pair")).toHaveCount(await health.page.getByTestId("statement-pair").count());
  const statements = await police.page.getByTestId("statement-pair").count();
  const danger = `Danger ${token()}`;
  await part(police.page, `Danger statement ${statements}`).click();
  await police.page.keyboard.type(danger, { delay: 5 });
  await expect(part(education.page, `Danger statement ${statements}`)).toContainText(danger);
  await expect(education.page.getByTestId("statement-count")).toContainText(`${statements} danger`);

  const reasons = { police: `Police reasons ${token()}`, health: `Health reasons ${token()}`, education: `School reasons ${token()}` };
  await scale(police.page, "2", reasons.police);
  await scale(health.page, "7", reasons.health);
  await scale(education.page, "5", reasons.education);
  // Two workers run seven browsers on two cores: give a notice and a fetch time to arrive.
  const live = { timeout: 15_000 };
  for (const { page } of everyone) {
    const scores = page.getByTestId("current-scores");
    await expect(scores.getByRole("row", { name: new RegExp(agencies.police) })).toContainText(reasons.police, live);
    await expect(scores.getByRole("row", { name: new RegExp(agencies.police) })).toContainText("2");
    await expect(scores.getByRole("row", { name: new RegExp(agencies.health) })).toContainText(reasons.health, live);
    await expect(scores.getByRole("row", { name: new RegExp(agencies.education) })).toContainText(reasons.education, live);
    // Police 2 and health 7: more than 3 apart, and said so.
    await expect(page.getByTestId("scaling-spread")).toContainText("5 points apart");
    await expect(page.getByTestId("scaling-chart")).toBeVisible();
  }
  // Nobody reloaded: the words typed before scaling are still in each editor, in the same page.
  await expect(part(education.page, "Harm")).toContainText(words.police);

  await expectNoAxeViolations(police.page);
  for (const list of errors) expect(list).toEqual([]);
});

test("a refused scaling says why, keeps what was typed, and records nothing", async ({ browser }) => {
  const { page } = await as(browser, "health");
  await openMap(page);
  const reasons = `Kept reasons ${token()}`;
  await scale(page, "ongoing", reasons);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toContainText("Score must be a number from 0 to 10");
  await expect(page.locator("form.app-scaling-form").getByLabel("Reasons for this score")).toHaveValue(reasons);
  await expect(page.getByTestId("current-scores")).not.toContainText(reasons);
  await expectNoAxeViolations(page);
});

test("education cannot reach police's restricted notes by URL, socket.io room, raw collaboration socket or history, down to the bytes", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const secret = `Police intelligence ${token()}`;
  const police = await as(browser, "police");
  await police.page.goto("/cases/1/restricted/kestrel-vale-police");
  await expect(police.page.getByText("Restricted — Kestrel Vale Police only")).toBeVisible();
  await expect(police.page.getByText("Not for family", { exact: true })).toBeVisible();
  const editor = police.page.getByRole("textbox", { name: "Notes (live)" });
  await expect(editor).toHaveAttribute("contenteditable", "true", { timeout: 15_000 });
  await editor.click();
  await police.page.keyboard.press("Control+End");
  await police.page.keyboard.press("Enter");
  await police.page.keyboard.type(secret, { delay: 5 });
  await expectNoAxeViolations(police.page);
  // Stored before education looks.
  await police.page.waitForTimeout(500);

  const education = await as(browser, "education");
  const { page } = education;
  const received: string[] = [];
  page.on("response", async (response) => {
    try {
      received.push(`${response.url()}\n${await response.text()}`);
    } catch {
      // A redirect or a body already gone: nothing to read.
    }
  });
  page.on("websocket", (socket) => socket.on("framereceived", (frame) => received.push(String(frame.payload))));

  // By URL, and by the routes' own data requests (Remix's single fetch).
  expect((await page.goto("/cases/1/restricted/kestrel-vale-police"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  for (const path of [
    "/cases/1/restricted/kestrel-vale-police/history",
    "/cases/1/restricted/kestrel-vale-police/history?at=1",
    "/cases/1/restricted/kestrel-vale-police.data",
    "/cases/1/restricted/kestrel-vale-police/history.data?at=1",
  ]) {
    const response = await page.request.get(path);
    received.push(await response.text());
    expect(response.status(), path).toBe(404);
  }
  // The pages she may see hold nothing of it either: the front sheet, the map, its prints, a search for its last word
  // (the page repeats the words searched for, so not the whole of it).
  for (const path of ["/cases/1", MAP, `${MAP}/print`, `${MAP}/print/family`, `/cases/1/search?q=${secret.split(" ")[2]}`])
    expect((await page.goto(path))?.status(), path).toBe(200);
  await expect(page.getByRole("heading", { name: "No results" })).toBeVisible();

  // By socket.io room and by a raw collaboration socket, from her own browser with her own cookie.
  const attempts = await page.evaluate(async (room) => {
    const origin = location.origin.replace(/^http/, "ws");
    const roomAnswer = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${origin}/socket.io/?EIO=4&transport=websocket`);
      ws.onmessage = (event) => {
        const data = String(event.data);
        if (data.startsWith("0{")) ws.send("40");
        else if (data.startsWith("40")) ws.send(`421["room:join",${JSON.stringify(room)}]`);
        else if (data.startsWith("431")) {
          resolve(data);
          ws.close();
        }
      };
      ws.onerror = () => resolve("error");
    });
    const collab = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${origin}/collab/${room}`);
      ws.binaryType = "arraybuffer";
      ws.onopen = () => resolve("opened");
      ws.onclose = (event) => resolve(`closed ${event.code}`);
    });
    return { roomAnswer, collab };
  }, "case:1:agency:kestrel-vale-police:notes");
  expect(attempts.roomAnswer).toBe('431[{"ok":false,"error":"Not found"}]');
  expect(attempts.collab).toBe("closed 1006");

  // A stock y-websocket client outside the browser, with her session cookie: refused at the upgrade (404).
  const cookie = (await education.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const status = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`${baseURL!.replace(/^http/, "ws")}/collab/case:1:agency:kestrel-vale-police:notes`, {
      headers: { cookie, origin: baseURL! },
    });
    ws.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
    ws.on("open", () => resolve(101));
    ws.on("error", () => {});
  });
  expect(status).toBe(404);

  await page.waitForTimeout(300);
  const leaked = received.filter((body) => body.includes(secret) || body.includes("two previous call-outs"));
  expect(leaked, "a response or frame education received holds police's restricted text").toEqual([]);
  expect(received.length).toBeGreaterThan(10);
});

const xssPayloads = [
  `<a href="https://example.org/safe" onmouseover="window.__xss='hover'">safe link</a>`,
  `<a href="mailto:dsl@example.org">mail link</a>`,
  `<img src=x onerror="window.__xss='img'">`,
  `<script>window.__xss='script'</script>`,
  `<a href="javascript:window.__xss='link'">javascript link</a>`,
  `<a href=" JaVaScRiPt:window.__xss='mixed-case'">mixed case link</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>`,
  `<a href="vbscript:msgbox(1)">vbscript link</a>`,
  `<svg onload="window.__xss='svg'"><circle r="5"/></svg>`,
  `<iframe src="javascript:window.__xss='iframe'"></iframe>`,
  `<p onclick="window.__xss='onclick'" style="background:url(javascript:alert(1))">styled paragraph</p>`,
  `<details open ontoggle="window.__xss='details'"><summary>toggle</summary></details>`,
  `<form action="javascript:window.__xss='form'"><button>go</button></form>`,
  // Last: its unclosed <style> swallows whatever follows it.
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss='mxss'">`,
];

test("HTML and script pasted into the map are neutralised by the editor's schema; only safe links survive", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const health = await as(browser, "health");
  const police = await as(browser, "police");
  const dialogs: string[] = [];
  for (const { page } of [health, police]) page.on("dialog", (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
  await openMap(health.page);
  await openMap(police.page);

  const marker = `Pasted ${token()}`;
  await part(health.page, "Complicating factors").click();
  await health.page.keyboard.press("Control+End");
  await health.page.evaluate(
    ({ html }) => {
      const target = document.activeElement!;
      const data = new DataTransfer();
      data.setData("text/html", html);
      data.setData("text/plain", "plain");
      target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { html: `<p>${marker}</p>${xssPayloads.join("")}` },
  );
  await expect(part(health.page, "Complicating factors")).toContainText(marker);

  // And a writer who bypasses the editor: a Yjs client puts a javascript: link mark straight into the document.
  const cookie = (await health.context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const doc = new Y.Doc();
  class WebSocketWithCookie extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie, origin: baseURL! } });
    }
  }
  const provider = new WebsocketProvider(`${baseURL!.replace(/^http/, "ws")}/collab`, "case:1:map:1", doc, {
    WebSocketPolyfill: WebSocketWithCookie as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  const raw = `Raw link ${token()}`;
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.setAttribute("onclick", "window.__xss='attribute'");
  const text = new Y.XmlText();
  text.applyDelta([
    { insert: raw, attributes: { link: { href: "javascript:window.__xss='raw'", onmouseover: "window.__xss='raw-attr'" } } },
    // A link with no href, or a number for one, must not stop the editor rendering; nor may a link choose its rel.
    { insert: " no href", attributes: { link: {} } },
    { insert: " numeric href", attributes: { link: { href: 42 } } },
    { insert: " opener", attributes: { link: { href: "https://example.org/opener", rel: "opener", target: "_self" } } },
  ]);
  paragraph.insert(0, [text]);
  doc.getXmlFragment("complicatingFactors").push([paragraph]);

  for (const { page } of [health, police]) {
    const editor = part(page, "Complicating factors");
    await expect(editor).toContainText(marker);
    await expect(editor).toContainText(raw);
    // ProseMirror's own separator image (after a caret at a line's end) is the only image it ever draws.
    await expect(editor.locator("script, iframe, img:not(.ProseMirror-separator), svg, form, details, style, math")).toHaveCount(0);
    await expect(editor.locator("[onerror], [onclick], [onload], [onmouseover], [ontoggle]")).toHaveCount(0);
    // Other people's carets are the only styled elements: the portal sets their colours itself.
    const styled = await editor
      .locator("[style]")
      .evaluateAll((elements) => elements.filter((element) => !element.className.startsWith("collaboration-carets__")).length);
    expect(styled).toBe(0);
    const hrefs = await editor.locator("a").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    expect(hrefs.filter((href) => href !== "")).toEqual(expect.arrayContaining(["https://example.org/safe", "mailto:dsl@example.org"]));
    for (const href of hrefs) expect(href).toMatch(/^(https:\/\/example\.org\/(safe|opener)|mailto:dsl@example\.org|)$/);
    const rels = await editor.locator("a").evaluateAll((links) => links.map((link) => link.getAttribute("rel")));
    expect(new Set(rels)).toEqual(new Set(["noopener noreferrer nofollow"]));
    await editor.locator("a").first().hover();
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  }
  expect(dialogs).toEqual([]);
  provider.destroy();
  doc.destroy();
});

test("a professional removed while editing the map is stopped and told why; what they wrote is kept", async ({ browser }) => {
  test.setTimeout(90_000);
  const lead = await as(browser, "socialWorker");
  // The GP is not on Lily's case: the lead adds him, and he opens the map.
  await lead.page.goto("/cases/1/team");
  await expectNoAxeViolations(lead.page);
  await lead.page.getByLabel("Professional", { exact: true }).selectOption({ label: "Dr Olu Adeyemi, GP, safeguarding lead" });
  await lead.page.getByLabel("Their role on the case").fill("GP");
  await lead.page.getByRole("button", { name: "Add to the case" }).click();
  await expect(lead.page.getByRole("alert")).toContainText("Dr Olu Adeyemi");

  const gp = await as(browser, "gp");
  await openMap(gp.page);
  const kept = `GP wrote this ${token()}`;
  await typeAtEnd(gp.page, "Existing safety", kept);
  await lead.page.goto(MAP);
  await expect(part(lead.page, "Existing safety")).toContainText(kept, { timeout: 15_000 });

  await lead.page.goto("/cases/1/team");
  await lead.page.getByRole("link", { name: "Remove Dr Olu Adeyemi from the case" }).click();
  await lead.page.getByRole("button", { name: /Yes, remove Dr Olu Adeyemi/ }).click();
  // How soon is the server's (removal is applied to open sockets before it is reported: ending-writes.test.ts);
  // here the browser must be told, however loaded the machine.
  const banner = gp.page.getByTestId("case-access-ended");
  await expect(banner).toContainText("You no longer have access to this case.", { timeout: 20_000 });
  await expect(part(gp.page, "Existing safety")).toHaveCount(0);
  await expectNoAxeViolations(gp.page);

  // What the GP wrote before removal stays in the map and its history, attributed to him.
  await lead.page.goto(`${MAP}/history`);
  await expect(lead.page.locator("table")).toContainText("Dr Olu Adeyemi (Harbour Lane Surgery)");
  await expectNoAxeViolations(lead.page);
  expect((await gp.page.goto(MAP))?.status()).toBe(404);
});

test("the workspace, maps, child's voice, print, search and history pages pass axe", async ({ browser }) => {
  test.setTimeout(60_000);
  const { page } = await as(browser, "socialWorker");
  for (const path of [
    "/cases/1",
    "/cases/1/maps",
    "/cases/1/child-voice",
    `${MAP}/print`,
    `${MAP}/print/family`,
    `${MAP}/history`,
    `${MAP}/history?at=1`,
    "/cases/1/search?q=Biscuit",
    "/cases/1/restricted/sandmere-childrens-services",
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(200);
    await expectNoAxeViolations(page);
  }
  // The print views print without the portal's header and links.
  await page.goto(`${MAP}/print/family`);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header.govuk-header")).toBeHidden();
  await expect(page.getByRole("link", { name: "Back to the map" })).toBeHidden();
  await expect(page.getByText("Copy for the family")).toBeVisible();
});

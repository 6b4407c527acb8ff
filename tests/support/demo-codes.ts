// Codes from the demo people's authenticator app (db/seed.ts), for helpers that sign people in through the real second
// step. The portal takes each 30-second step's code once per person (and none older after it), so a helper never hands
// out the same step twice for one person on one portal: it uses now's step, then the next (the portal accepts a step
// either side), and past that waits for, or moves its clock to, the next step.
import { closeSync, mkdirSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { DEMO_AUTHENTICATOR_KEY } from "../../db/seed";
import { TOTP_STEP_SECONDS, totpCode, totpStep } from "../../server/auth/authenticator";

/** Claims a step for a person on a portal: true the first time it is asked, false after. */
export type StepClaim = (key: string) => boolean;

const claimedHere = new Set<string>();
/** Within one process (integration tests: each portal is its own). */
export const claimInProcess: StepClaim = (key) => !claimedHere.has(key) && Boolean(claimedHere.add(key));

/** Across processes (Playwright's workers share one portal): a file made only if it does not exist. */
export function claimAcrossProcesses(portal: string): StepClaim {
  const dir = join(tmpdir(), `partnership-portal-codes-${portal.replace(/[^a-z0-9]/gi, "-")}`);
  mkdirSync(dir, { recursive: true });
  return (key) => {
    try {
      closeSync(openSync(join(dir, key.replace(/[^a-z0-9.@-]/gi, "-")), "wx"));
      return true;
    } catch {
      return false;
    }
  };
}

/** Keys of apps these helpers set up for people the tests added (by portal and email); everyone else has the demo's. */
const setUpKeys = new Map<string, Uint8Array>();
const keyOf = (portal: string, email: string) => setUpKeys.get(`${portal}|${email}`) ?? DEMO_AUTHENTICATOR_KEY;

/**
 * A code for this person not handed out before for this portal, or null when every usable step is: now's, the next,
 * and the last one while at least 3 s of now's remain ahead of the request (never one about to fall out of the window).
 */
export function unusedDemoCode(portal: string, email: string, now: Date, claim: StepClaim): string | null {
  const current = totpStep(now);
  const intoStep = now.getTime() % (TOTP_STEP_SECONDS * 1000);
  const steps = intoStep < (TOTP_STEP_SECONDS - 3) * 1000 ? [current - 1n, current, current + 1n] : [current, current + 1n];
  for (const step of steps)
    if (claim(`${portal}|${email}|${step}`)) return totpCode(keyOf(portal, email), step);
  return null;
}

/** Milliseconds until the next step begins. */
export function msToNextStep(now: Date): number {
  return TOTP_STEP_SECONDS * 1000 - (now.getTime() % (TOTP_STEP_SECONDS * 1000)) + 50;
}

/** A code for this person, waiting for the next step when both this one and the next are used. */
export async function demoCode(portal: string, email: string, claim: StepClaim, clock: { now(): Date; wait(ms: number): Promise<void> }): Promise<string> {
  for (;;) {
    const code = unusedDemoCode(portal, email, clock.now(), claim);
    if (code) return code;
    await clock.wait(msToNextStep(clock.now()));
  }
}

export const realClock = { now: () => new Date(), wait: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };

type Http = {
  post(path: string, form: Record<string, string>, cookie?: string): Promise<Response>;
  get(path: string, cookie?: string): Promise<Response>;
};

/** Same-origin form posts and page requests to a portal at `url`, redirects not followed. */
export function httpTo(url: string): Http {
  const send = (path: string, init: RequestInit, cookie?: string) =>
    fetch(`${url}${path}`, { redirect: "manual", ...init, headers: { origin: url, ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string>) } });
  return {
    post: (path, form, cookie) =>
      send(path, { method: "POST", body: new URLSearchParams(form), headers: { "content-type": "application/x-www-form-urlencoded" } }, cookie),
    get: (path, cookie) => send(path, {}, cookie),
  };
}

/** The session cookie a response sets, as a Cookie header value ("pp_session=…"), or null. */
function sessionCookieFrom(response: Response): string | null {
  for (const header of response.headers.getSetCookie()) {
    const match = header.match(/^((?:__Host-)?pp_session)=([^;]+)/);
    if (match) return `${match[1]}=${match[2]}`;
  }
  return null;
}

/**
 * Signs a person in through both steps of the real forms: the password, then a code from their authenticator app (the
 * demo people's; or, for someone who has none yet, an app set up there and then from the key the page shows). Returns
 * the Cookie header value of the session signed in in full; throws with the status where a step was refused.
 */
export async function signInThroughBothSteps(
  http: Http,
  opts: { portal: string; email: string; password: string; claim?: StepClaim; clock?: typeof realClock },
): Promise<string> {
  const first = await http.post("/sign-in", { email: opts.email, password: opts.password });
  const cookie = sessionCookieFrom(first);
  const next = first.headers.get("location") ?? "";
  if (first.status !== 302 || !cookie) throw new Error(`sign-in as ${opts.email} failed with ${first.status}`);
  if (!next.startsWith("/sign-in/")) return cookie; // an exempt agency: the password was enough
  return finishSignIn(http, { ...opts, cookie, next });
}

/**
 * The second step for someone half signed in (`cookie`), at the page they were sent to (`next`): a code, or setting up
 * an app. Returns the Cookie header value of the session signed in in full.
 */
export async function finishSignIn(
  http: Http,
  opts: { portal: string; email: string; cookie: string; next: string; claim?: StepClaim; clock?: typeof realClock },
): Promise<string> {
  const claim = opts.claim ?? claimInProcess;
  const clock = opts.clock ?? realClock;
  if (opts.next.startsWith("/sign-in/set-up")) {
    const page = await (await http.get(opts.next, opts.cookie)).text();
    const key = page.match(/data-testid="authenticator-key">([A-Z2-7 ]+)</)?.[1];
    if (!key) throw new Error(`no authenticator key on ${opts.next}`);
    setUpKeys.set(`${opts.portal}|${opts.email}`, new Uint8Array(decodeBase32IgnorePadding(key.replace(/ /g, ""))));
  }
  const code = await demoCode(opts.portal, opts.email, claim, clock);
  const second = await http.post(opts.next, { code }, opts.cookie);
  const full = sessionCookieFrom(second);
  if (second.status !== 302 || !full) throw new Error(`the second step for ${opts.email} failed with ${second.status}`);
  return full;
}

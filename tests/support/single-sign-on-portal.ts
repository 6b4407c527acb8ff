// The portal with two agencies signing in through a real OpenID provider started in the test (tests/support/
// oidc-test-provider.ts): Kestrel Vale Police, which trusts its provider's second factor, and Sandmere Community Health,
// which does not (and whose provider never says whether an email is verified). `throughProvider` walks a browser's trip there and back as far as the answer, so a test can send the
// answer as it came, or changed.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startTestProvider, type TestProvider } from "./oidc-test-provider";
import { startTestServer, type TestServer } from "./test-server";

export let server: TestServer;
export let provider: TestProvider;
let folder: string;

export function useSingleSignOnPortal() {
  beforeAll(async () => {
    provider = await startTestProvider();
    folder = mkdtempSync(join(tmpdir(), "partnership-portal-sso-"));
    const file = join(folder, "single-sign-on.json");
    const entry = { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret };
    writeFileSync(
      file,
      JSON.stringify([
        { agency: "kestrel-vale-police", ...entry, trustMfa: true },
        // The trust's provider never says whether an email is verified: its directory alone sets them.
        { agency: "sandmere-community-health", ...entry, acceptUnverifiedEmail: true },
        // A provider that is not answering (nothing listens on port 9 here).
        { agency: "larkfield-primary", issuer: "http://127.0.0.1:9", clientId: "portal", clientSecret: "not-used" },
      ]),
    );
    server = await startTestServer({ SINGLE_SIGN_ON_FILE: file });
    provider.registerPortal(`${server.origin}/sign-in/sso/callback`);
  });
  afterAll(async () => {
    await server?.close();
    await provider?.close();
    rmSync(folder, { recursive: true, force: true });
  });
}

/** Cookies as a browser keeps them for one site: name to value (paths are not told apart; these sites do not need it). */
class Jar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value && !/max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export type Trip = {
  /** The provider's answer as the browser would bring it to the portal. */
  callback: URL;
  /** The portal's cookies in that browser (the trip's state, and any session it already had). */
  portalCookie: string;
};

/**
 * Sets off from `start` (a portal path, like /sign-in/sso/kestrel-vale-police) and signs in at the provider as `email`,
 * saying a second factor was used when `secondFactor`. `portalCookie`: the browser's portal cookies before setting off.
 */
export async function throughProvider(start: string, opts: { email: string; secondFactor?: boolean; portalCookie?: string }): Promise<Trip> {
  const portal = new Jar();
  const setOff = await fetch(`${server.origin}${start}`, { redirect: "manual", headers: opts.portalCookie ? { cookie: opts.portalCookie } : {} });
  if (setOff.status !== 302) throw new Error(`setting off from ${start} answered ${setOff.status}`);
  portal.take(setOff);
  const at = new Jar();
  let location = new URL(setOff.headers.get("location")!);
  for (let hops = 0; hops < 10; hops++) {
    if (location.href.startsWith(`${server.origin}/`)) {
      const cookie = [opts.portalCookie, portal.header()].filter(Boolean).join("; ");
      return { callback: location, portalCookie: cookie };
    }
    let response = await fetch(location, { redirect: "manual", headers: { cookie: at.header() } });
    at.take(response);
    if (location.pathname.startsWith("/interaction/") && response.status === 200) {
      const form = new URLSearchParams({ email: opts.email, ...(opts.secondFactor ? { "second-factor": "yes" } : {}) });
      response = await fetch(location, {
        method: "POST",
        redirect: "manual",
        body: form,
        headers: { cookie: at.header(), "content-type": "application/x-www-form-urlencoded" },
      });
      at.take(response);
    }
    const next = response.headers.get("location");
    if (!next) throw new Error(`the provider answered ${response.status} at ${location.pathname}: ${await response.text()}`);
    location = new URL(next, location);
  }
  throw new Error("the provider never sent the browser back");
}

/** Brings the answer to the portal, as the browser would. */
export function bringBack(trip: Trip, callback: URL = trip.callback): Promise<Response> {
  return fetch(callback, { redirect: "manual", headers: { cookie: trip.portalCookie } });
}

/** The session cookie a response sets, as a Cookie header value, or null. */
export function sessionFrom(response: Response): string | null {
  for (const header of response.headers.getSetCookie()) {
    const match = header.match(/^(pp_session)=([^;]+)/);
    if (match) return `${match[1]}=${match[2]}`;
  }
  return null;
}

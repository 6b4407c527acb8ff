// SINGLE_SIGN_ON_FILE (decision 057): a mistake in the deployment's list of agencies' providers stops the start with
// one line naming the file and the entry, never a portal that trusts a provider it should not.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadSingleSignOn } from "../../server/auth/single-sign-on/providers";

const folder = mkdtempSync(join(tmpdir(), "sso-file-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function fileOf(text: string): string {
  const path = join(folder, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, text);
  return path;
}
const entry = { agency: "kestrel-vale-police", issuer: "https://login.kestrelvale-police.example", clientId: "portal", clientSecret: "s3cret" };

describe("the single sign-on file", () => {
  test("unset: no agency signs in this way", () => {
    expect(loadSingleSignOn(undefined).providers()).toEqual([]);
  });

  test("a good file lists each agency, trusting the provider's second factor only when it says so, and never shows the secret", () => {
    const sso = loadSingleSignOn(fileOf(JSON.stringify([entry, { ...entry, agency: "sandmere-community-health", trustMfa: true }])));
    expect(sso.providers()).toEqual([
      { agencyId: "kestrel-vale-police", issuer: entry.issuer, clientId: "portal", trustMfa: false, acceptUnverifiedEmail: false },
      { agencyId: "sandmere-community-health", issuer: entry.issuer, clientId: "portal", trustMfa: true, acceptUnverifiedEmail: false },
    ]);
    expect(JSON.stringify(sso.providers())).not.toContain("s3cret");
    expect(sso.provider("larkfield-primary")).toBeNull();
  });

  test.each([
    ["not JSON", "{", /is not JSON/],
    ["a file that is not there", null, /cannot be read \(ENOENT\)/],
    ["an http issuer that is not this machine", JSON.stringify([{ ...entry, issuer: "http://login.example" }]), /0\.issuer must be the provider's issuer, an https:\/\//],
    ["an issuer with a query", JSON.stringify([{ ...entry, issuer: "https://login.example/?tenant=1" }]), /0\.issuer/],
    ["no secret", JSON.stringify([{ ...entry, clientSecret: "" }]), /0\.clientSecret/],
    ["an unknown setting (a typing mistake)", JSON.stringify([{ ...entry, trustMFA: true }]), /trustMFA/],
    ["an agency listed twice", JSON.stringify([entry, entry]), /lists an agency twice/],
    ["trustMfa that is not true or false", JSON.stringify([{ ...entry, trustMfa: "yes" }]), /0\.trustMfa/],
  ])("%s stops the start, naming the file", (_name, text, message) => {
    const path = text === null ? join(folder, "missing.json") : fileOf(text);
    expect(() => loadSingleSignOn(path)).toThrow(message);
    expect(() => loadSingleSignOn(path)).toThrow(`SINGLE_SIGN_ON_FILE ${path}`);
  });
});

// The agencies whose people sign in through their own OpenID Connect provider (decision 057): the deployment lists
// them in SINGLE_SIGN_ON_FILE, with each provider's issuer, the portal's client id and secret there, and whether the
// agency trusts the provider's own multi-factor sign-in as the portal's second factor. The secret stays in this
// module: no page, log or administrator ever sees it.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as oidc from "openid-client";
import { z } from "zod";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An issuer over https; over plain http only on this machine (a provider started for tests or a trial). */
const issuerUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return !url.search && !url.hash && (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname)));
    } catch {
      return false;
    }
  }, "must be the provider's issuer, an https:// address (http:// only for localhost)");

const providerSchema = z.strictObject({
  agency: z.string().trim().min(1).max(100),
  issuer: issuerUrl,
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000),
  /**
   * The provider's `amr` claim saying it asked for more than one factor ("mfa") counts as the portal's second factor.
   * Only where the agency knows its provider does so; otherwise its people give the portal's second factor too.
   */
  trustMfa: z.boolean().default(false),
  /**
   * The provider never sends `email_verified` (Microsoft Entra ID does not): only its administrators set people's
   * emails, so an email without the claim is taken. Otherwise (the default) the claim must be true.
   */
  acceptUnverifiedEmail: z.boolean().default(false),
});

const fileSchema = z
  .array(providerSchema)
  .max(200)
  .refine((list) => new Set(list.map((entry) => entry.agency)).size === list.length, "lists an agency twice");

export type SingleSignOnProvider = { agencyId: string; issuer: string; clientId: string; trustMfa: boolean; acceptUnverifiedEmail: boolean };

export type SingleSignOn = {
  /** Every agency configured, in the file's order. */
  providers(): SingleSignOnProvider[];
  provider(agencyId: string): SingleSignOnProvider | null;
  /** The provider's settings, discovered from its issuer (and checked against it) when first needed, then kept. */
  configuration(agencyId: string): Promise<oidc.Configuration>;
};

// Discovered settings are kept an hour, so a provider's moved endpoints or keys are picked up without a restart.
const DISCOVERY_KEEP_MS = 3_600_000;

export function createSingleSignOn(entries: z.infer<typeof fileSchema>): SingleSignOn {
  const byAgency = new Map(entries.map((entry) => [entry.agency, entry]));
  const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();
  const describe = (entry: z.infer<typeof providerSchema>): SingleSignOnProvider => ({
    agencyId: entry.agency,
    issuer: entry.issuer,
    clientId: entry.clientId,
    trustMfa: entry.trustMfa,
    acceptUnverifiedEmail: entry.acceptUnverifiedEmail,
  });
  return {
    providers: () => entries.map(describe),
    provider: (agencyId) => {
      const entry = byAgency.get(agencyId);
      return entry ? describe(entry) : null;
    },
    configuration(agencyId) {
      const entry = byAgency.get(agencyId);
      if (!entry) return Promise.reject(new Error(`no single sign-on for ${agencyId}`));
      const kept = discovered.get(agencyId);
      if (kept && Date.now() - kept.at < DISCOVERY_KEEP_MS) return kept.configuration;
      const issuer = new URL(entry.issuer);
      const configuration = oidc.discovery(issuer, entry.clientId, undefined, oidc.ClientSecretBasic(entry.clientSecret), {
        // The ID token's signature is checked against the provider's keys even though it came straight from the
        // provider over TLS: a token we keep no copy of is still one we believe only when signed.
        execute: [...(issuer.protocol === "http:" ? [oidc.allowInsecureRequests] : []), oidc.enableNonRepudiationChecks],
        timeout: 10,
      });
      discovered.set(agencyId, { at: Date.now(), configuration });
      // A provider that did not answer is asked again next time, not remembered as down.
      configuration.catch(() => discovered.delete(agencyId));
      return configuration;
    },
  };
}

/** The deployment's single sign-on, from SINGLE_SIGN_ON_FILE; none when it is not set. Throws naming the problem. */
export function loadSingleSignOn(setting: string | undefined): SingleSignOn {
  if (!setting) return createSingleSignOn([]);
  const path = resolve(setting);
  const where = `SINGLE_SIGN_ON_FILE ${path}`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${where}: ${code ? `cannot be read (${code})` : `is not JSON (${(error as Error).message})`}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: ${issue.path.length ? `${issue.path.join(".")} ` : ""}${issue.message}`);
  }
  return createSingleSignOn(parsed.data);
}

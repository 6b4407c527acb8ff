// A real OpenID Connect provider (the `oidc-provider` package) started in the test, standing in for a police force's
// or an NHS trust's own sign-in service (decision 057). Its sign-in page asks only for an email address and whether to
// say a second factor was used; consent is given for the portal at once, as an agency's own provider would. A test may
// tamper with the ID token it issues (re-signed with the provider's own key, so only the claims are wrong) to see that
// the portal refuses it.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, type JWK } from "jose";
import Provider from "oidc-provider";

export type Claims = Record<string, unknown>;

export type TestProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers the portal (its redirect URI is known once it listens); the provider answers from then on. */
  registerPortal(redirectUri: string): void;
  /** Changes the claims of the next ID tokens issued, until set to null. */
  tamperWith(change: ((claims: Claims) => Claims) | null): void;
  /** Accounts whose email the provider says it has not verified. */
  unverified: Set<string>;
  /** Accounts whose ID token says nothing of whether the email is verified (as Microsoft Entra ID's do not). */
  silentOnVerified: Set<string>;
  close(): Promise<void>;
};

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test sign-in service</title></head><body><main>${body}</main></body></html>`;

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startTestProvider(): Promise<TestProvider> {
  let answer: RequestListener = (_req, res) => void res.writeHead(503).end();
  const server = createServer((req, res) => answer(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "partnership-portal";
  const clientSecret = randomBytes(24).toString("base64url");
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey: JWK = { ...(await exportJWK(privateKey)), kid: "test-provider-key", alg: "RS256", use: "sig" };
  const unverified = new Set<string>();
  const silentOnVerified = new Set<string>();
  let tamper: ((claims: Claims) => Claims) | null = null;

  function registerPortal(redirectUri: string) {
    const provider = new Provider(issuer, {
      clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ["authorization_code"], response_types: ["code"] }],
      jwks: { keys: [signingKey] },
      pkce: { required: () => true },
      // The email in the ID token itself, as agencies' providers send it.
      conformIdTokenClaims: false,
      // amr with the openid scope: the portal reads it to know whether a second factor was used.
      claims: { openid: ["sub", "amr"], email: ["email", "email_verified"], acr: null, auth_time: null, sid: null, iss: null },
      findAccount: async (_ctx, accountId) => ({
        accountId,
        claims: async () => ({
          sub: accountId,
          email: accountId,
          ...(silentOnVerified.has(accountId) ? {} : { email_verified: !unverified.has(accountId) }),
        }),
      }),
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      // The portal is the agency's own service: nobody is asked to consent to it.
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope("openid email");
        await grant.save();
        return grant;
      },
      features: { devInteractions: { enabled: false } },
      cookies: { keys: [randomBytes(16).toString("hex")] },
      ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    });
    provider.on("server_error", (_ctx, error) => console.error("test provider:", error));
    // Tampering with what the token endpoint answers: the ID token's claims changed and signed again with the same key.
    provider.use(async (ctx, next) => {
      await next();
      const body = ctx.body as { id_token?: string } | undefined;
      if (!tamper || ctx.path !== "/token" || !body?.id_token) return;
      const claims = tamper(decodeJwt(body.id_token));
      body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: signingKey.kid }).sign(privateKey);
    });
    const callback = provider.callback();
    answer = async (req: IncomingMessage, res: ServerResponse) => {
      const interaction = req.url?.match(/^\/interaction\/([\w-]+)$/);
      if (!interaction) return void callback(req, res);
      try {
        if (req.method === "POST") {
          const form = await formOf(req);
          const amr = form.get("second-factor") === "yes" ? ["pwd", "mfa"] : ["pwd"];
          await provider.interactionFinished(req, res, { login: { accountId: String(form.get("email") ?? "").trim(), amr } }, { mergeWithLastSubmission: false });
          return;
        }
        await provider.interactionDetails(req, res);
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
          page(`<h1>Test sign-in service</h1>
<form method="post">
<label for="email">Email address</label> <input id="email" name="email" type="email">
<label><input name="second-factor" type="checkbox" value="yes"> I used my second factor</label>
<button type="submit">Sign in</button>
</form>`),
        );
      } catch (error) {
        res.writeHead(400, { "content-type": "text/plain" }).end(String((error as Error).message));
      }
    };
  }

  return {
    issuer,
    clientId,
    clientSecret,
    registerPortal,
    tamperWith: (change) => void (tamper = change),
    unverified,
    silentOnVerified,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

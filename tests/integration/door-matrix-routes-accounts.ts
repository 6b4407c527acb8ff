// The door matrix's rows for the portal's own pages (not a case's, the front door's or oversight's): not found, Your
// work, signing in and out, passwords, each person's account and sessions, and agency administrators' people pages.
// The conventions (who the people are, 404 or 403) are at the top of door-matrix-routes.ts.
import type { RouteEntry } from "./door-matrix-routes";
import { refused, signedOut } from "./door-matrix-routes-doors";

export const accountRouteDoors: Record<string, RouteEntry> = {
  "$": {
    public: "the not-found page: every address that is no page is 404, signed in or not",
    doors: [
      { as: "signed out", method: "GET", path: "/no-such-page", status: 404 },
      { as: "police", method: "GET", path: "/cases/1/no-such-page", status: 404 },
    ],
  },
  "_index": {
    everyoneSignedIn: "Your work: each person's own",
    insider: { as: "gp", path: "/", status: 200 },
    doors: [signedOut("/")],
  },
  "account.password": {
    everyoneSignedIn: "each person changes their own password",
    insider: { as: "gp", path: "/account/password", status: 200 },
    doors: [signedOut("/account/password"), signedOut("/account/password", "POST")],
  },
  "account.activity": {
    everyoneSignedIn: "each person's own sign-in activity, read from the audit trail by their own id and address",
    insider: { as: "gp", path: "/account/activity", status: 200 },
    doors: [signedOut("/account/activity")],
  },
  "account.confirm": {
    everyoneSignedIn: "each person proves it is them again, for themselves (decision 056)",
    insider: { as: "gp", path: "/account/confirm", status: 200 },
    doors: [signedOut("/account/confirm"), signedOut("/account/confirm", "POST", { code: "123456" })],
  },
  "account.recovery-codes": {
    everyoneSignedIn: "each person's own recovery codes: how many are left, and new ones for themselves",
    insider: { as: "gp", path: "/account/recovery-codes", status: 200 },
    doors: [signedOut("/account/recovery-codes"), signedOut("/account/recovery-codes", "POST")],
  },
  "account.passkeys": {
    everyoneSignedIn: "each person's own passkeys: listed, added and removed for themselves (decision 058)",
    insider: { as: "gp", path: "/account/passkeys", status: 200 },
    doors: [
      signedOut("/account/passkeys"),
      signedOut("/account/passkeys", "POST", { intent: "begin-add", name: "Laptop" }),
      // A passkey that is not the person's (here, nobody's) is refused as one that does not exist.
      { ...refused("police", "/account/passkeys", 404, "POST", { intent: "remove", passkeyId: "1" }), status: 400 },
    ],
  },
  "account.sessions": {
    everyoneSignedIn: "each person's own sessions; someone else's session is the POST row below",
    insider: { as: "gp", path: "/account/sessions", status: 200 },
    doors: [
      signedOut("/account/sessions"),
      signedOut("/account/sessions", "POST", { intent: "sign-out-one", sessionId: "{session:health}" }),
      // Someone else's session id is refused as one that does not exist.
      { ...refused("police", "/account/sessions", 404, "POST", { intent: "sign-out-one", sessionId: "{session:health}" }), status: 400 },
    ],
  },
  "forgotten-password": {
    public: "asking for a reset link: for people who cannot sign in",
    doors: [
      { as: "signed out", method: "GET", path: "/forgotten-password", status: 200 },
      // An address with no account gets the answer a known one gets: nothing tells a stranger who has an account.
      { as: "signed out", method: "POST", path: "/forgotten-password", form: { email: "nobody@nowhere.example" }, status: 200 },
    ],
  },
  "people.$userId.deactivate": {
    insider: { as: "policeAdmin", path: "/people/{user:police}/deactivate", status: 200 },
    doors: [
      signedOut("/people/{user:police}/deactivate"),
      signedOut("/people/{user:police}/deactivate", "POST", { reason: "x" }),
      refused("police", "/people/{user:police}/deactivate", 403),
      refused("health", "/people/{user:police}/deactivate", 403, "POST", { reason: "x" }),
      // Another agency's administrator: not one of their people.
      refused("gpAdmin", "/people/{user:police}/deactivate", 404),
      refused("gpAdmin", "/people/{user:police}/deactivate", 404, "POST", { reason: "x" }),
    ],
  },
  "people._index": {
    insider: { as: "policeAdmin", path: "/people", status: 200 },
    doors: [
      signedOut("/people"),
      signedOut("/people", "POST", { intent: "reset-password", userId: "{user:police}" }),
      refused("police", "/people", 403),
      refused("police", "/people", 403, "POST", { intent: "reset-password", userId: "{user:police}" }),
    ],
  },
  "people.activity": {
    insider: { as: "policeAdmin", path: "/people/activity", status: 200 },
    doors: [signedOut("/people/activity"), refused("police", "/people/activity", 403)],
  },
  "people.new": {
    insider: { as: "policeAdmin", path: "/people/new", status: 200 },
    doors: [signedOut("/people/new"), signedOut("/people/new", "POST", { fullName: "x" }), refused("police", "/people/new", 403), refused("police", "/people/new", 403, "POST", { fullName: "x" })],
  },
  "set-password.$token": {
    public: "a link from an email: the token is the key, so an unknown one is as if there were no page",
    doors: [
      { as: "signed out", method: "GET", path: "/set-password/not-a-real-token", status: 404 },
      { as: "signed out", method: "POST", path: "/set-password/not-a-real-token", form: { newPassword: "a long enough password 1", confirmPassword: "a long enough password 1" }, status: 404 },
    ],
  },
  "sign-in": {
    public: "the way in",
    doors: [
      { as: "signed out", method: "GET", path: "/sign-in", status: 200 },
      { as: "signed out", method: "POST", path: "/sign-in", form: { email: "nadia.hussain@sandmere-health.example", password: "not her password" }, status: 400 },
    ],
  },
  "sign-in_.code": {
    public: "the second step of signing in: only for someone who has just given their password; anyone else is sent to sign in",
    doors: [
      { as: "signed out", method: "GET", path: "/sign-in/code", status: 302, location: "/sign-in" },
      { as: "signed out", method: "POST", path: "/sign-in/code", form: { code: "123456" }, status: 302, location: "/sign-in" },
    ],
  },
  "sign-in_.set-up": {
    public: "setting up an authenticator app at the first sign-in: only for someone who has just given their password",
    doors: [
      { as: "signed out", method: "GET", path: "/sign-in/set-up", status: 302, location: "/sign-in" },
      { as: "signed out", method: "POST", path: "/sign-in/set-up", form: { code: "123456" }, status: 302, location: "/sign-in" },
    ],
  },
  "sign-in_.sso.$agencyId": {
    public: "setting off to an agency's own sign-in service (decision 057); proving it is you through it needs a session",
    doors: [
      // This portal has no single sign-on configured: every agency is answered as one without it.
      { as: "signed out", method: "GET", path: "/sign-in/sso/kestrel-vale-police", status: 404 },
      {
        as: "signed out",
        method: "GET",
        path: "/sign-in/sso/kestrel-vale-police?purpose=confirm",
        status: 302,
        location: `/sign-in?next=${encodeURIComponent("/sign-in/sso/kestrel-vale-police?purpose=confirm")}`,
      },
      // Someone signed in confirms only through their own agency's service.
      { as: "health", method: "GET", path: "/sign-in/sso/kestrel-vale-police?purpose=confirm", status: 302, location: `/account/confirm?next=${encodeURIComponent("/")}` },
    ],
  },
  "sign-in_.sso_.callback": {
    public: "where an agency's sign-in service sends the browser back: only the browser that set off, with its answer, gets in",
    doors: [
      { as: "signed out", method: "GET", path: "/sign-in/sso/callback", status: 400 },
      { as: "signed out", method: "GET", path: "/sign-in/sso/callback?state=forged&code=forged", status: 400 },
    ],
  },
  "sign-out": {
    public: "signing out: harmless for anyone, and nothing to see",
    doors: [
      { as: "signed out", method: "GET", path: "/sign-out", status: 302, location: "/" },
      { as: "signed out", method: "POST", path: "/sign-out", status: 302, location: "/sign-in?signed-out=1" },
    ],
  },
};

// The portal for one end-to-end run: `server/index.ts` in this process, on an embedded database in a fresh temporary
// folder that is removed when the server stops. Playwright's webServer starts it (playwright.config.ts) and stops it
// with SIGTERM, which the portal handles by closing the database and exiting.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { e2eDataDirPointer } from "./e2e-outbox";
import { startTestProvider } from "./oidc-test-provider";

const dataDir = mkdtempSync(join(tmpdir(), "partnership-portal-e2e-"));
process.env.DATA_DIR = dataDir;
// No SMTP_URL: mail goes to <dataDir>/outbox, which the tests read to follow sign-in links.
process.env.SMTP_URL = "";
writeFileSync(e2eDataDirPointer(Number(process.env.PORT)), dataDir);
// Never a server named by the environment: CI sets DATABASE_URL for the integration tests.
process.env.DATABASE_URL = "";

process.on("exit", () => {
  try {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(e2eDataDirPointer(Number(process.env.PORT)), { force: true });
  } catch {
    // A folder under the system's temporary directory; nothing else to do.
  }
});

// Kestrel Vale Police signs its people in through its own provider, which this process runs (decision 057), and
// trusts that provider's second factor. Its redirect URI is known: Playwright's fixed port on localhost.
const provider = await startTestProvider();
provider.registerPortal(`http://localhost:${process.env.PORT}/sign-in/sso/callback`);
const singleSignOn = join(dataDir, "single-sign-on.json");
writeFileSync(
  singleSignOn,
  JSON.stringify([{ agency: "kestrel-vale-police", issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, trustMfa: true }]),
);
process.env.SINGLE_SIGN_ON_FILE = singleSignOn;

console.log(`End-to-end data folder: ${dataDir}`);
await import("../../server/index");

// The portal for one end-to-end run: `server/index.ts` in this process, on an embedded database in a fresh temporary
// folder that is removed when the server stops. Playwright's webServer starts it (playwright.config.ts) and stops it
// with SIGTERM, which the portal handles by closing the database and exiting.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { e2eDataDirPointer } from "./e2e-outbox";

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

console.log(`End-to-end data folder: ${dataDir}`);
await import("../../server/index");

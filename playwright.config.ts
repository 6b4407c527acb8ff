// End-to-end tests: the built portal on its own fresh embedded database, driven by Debian's Chromium.
// Run `npx tsx scripts/build-if-needed.ts` first (`npm run test:e2e` does): the server serves the last build.
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.PORT_E2E || 3123);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: "list",
  // A test's own limit: two workers drive up to seven browsers on two cores, and axe at two widths takes seconds a page.
  timeout: 60_000,
  // Two workers drive up to seven browsers on two cores: live updates need more than the default to arrive.
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "off",
    screenshot: "off",
    video: "off",
    // Chromium accepts the Secure session cookie on http://localhost (a potentially trustworthy origin), not on 127.0.0.1.
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      // The machine has no network: keep Chromium from calling home and filling the log with refused connections.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // tests/support/e2e-server.ts runs server/index.ts on a new temporary DATA_DIR, removed when the server stops.
    command: "node --import tsx tests/support/e2e-server.ts",
    url: `${baseURL}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      // The embedded database, always: never the server CI names for the integration tests.
      DATABASE_URL: "",
      // One process: never joined to a Redis the environment names (tests/e2e/several-nodes.spec.ts starts its own nodes).
      REDIS_URL: "",
      PUBLIC_ORIGIN: "",
      COOKIE_SECURE: "true",
      SHUTDOWN_GRACE_SECONDS: "2",
    },
  },
});

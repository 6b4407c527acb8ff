// Builds the Remix app, and bundles the server for plain `node` (build/node/server.mjs), when their sources changed
// since the last build, so `npm start` is quick when nothing did.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { projectRoot } from "../server/http";
import { bundleServer } from "./bundle-server";

const inputs = ["app", "common", "server", "db", "public", "vite.config.ts", "scripts/bundle-server.ts", "package-lock.json", "tsconfig.json"];
const stampFile = join(projectRoot, "build", ".source-hash");

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => listFiles(join(path, entry)));
}

const hash = createHash("sha256");
for (const file of inputs.flatMap((input) => listFiles(join(projectRoot, input)))) {
  hash.update(relative(projectRoot, file));
  hash.update(readFileSync(file));
}
const sourceHash = hash.digest("hex");
const serverBundle = join(projectRoot, "build", "node", "server.mjs");
const built = existsSync(join(projectRoot, "build", "server", "index.js")) && existsSync(serverBundle) && existsSync(stampFile)
  ? readFileSync(stampFile, "utf8").trim()
  : "";

if (built !== sourceHash) {
  console.log("Building the portal (the sources changed since the last build)…");
  execFileSync("npx", ["remix", "vite:build"], { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"] });
  await bundleServer(join(projectRoot, "server", "index.ts"), serverBundle);
  writeFileSync(stampFile, sourceHash);
}

// Where the project's files are: the nearest folder above this module holding package.json. Found, not assumed, so it
// is the same whether the code runs from its sources (tsx, Vitest) or bundled into build/node/ (npm start).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}: the portal's files are not where they should be`);
  }
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

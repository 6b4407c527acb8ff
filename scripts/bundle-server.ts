// The server as one JavaScript module for plain `node` (decision 051): TypeScript compiled ahead of time, so a running
// portal carries no TypeScript loader (tsx holds about 150 MB more resident memory). Packages stay in node_modules.
import { build } from "esbuild";

/** Bundles `entry` (a .ts file of ours) and what it imports of ours into `outfile`, with a source map beside it. */
export async function bundleServer(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
}

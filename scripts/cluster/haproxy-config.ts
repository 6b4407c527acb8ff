// Fills in deploy/haproxy/portal.cfg.template for nodes on this machine: the address to listen on and one server line
// a node, each with the sticky cookie value that names it; and finds the haproxy command.
// Imports nothing of the server's, so the end-to-end test can ask whether HAProxy is here.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const haproxyTemplate = fileURLToPath(new URL("../../deploy/haproxy/portal.cfg.template", import.meta.url));

/** The haproxy command: on the PATH, or where Debian puts it (/usr/sbin is not on every user's PATH); null if neither. */
export function findHaproxy(): string | null {
  if (spawnSync("haproxy", ["-v"], { stdio: "ignore" }).status === 0) return "haproxy";
  return existsSync("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : null;
}

export type BalancedNode = { name: string; port: number };

/** The template with its `@@BIND@@` line's example replaced by `bind`, and its `@@SERVERS@@` examples by `nodes`. */
export function haproxyConfig(opts: { host: string; port: number; nodes: BalancedNode[] }, template = readFileSync(haproxyTemplate, "utf8")): string {
  const lines = template.split("\n");
  const bindMarker = lines.findIndex((line) => line.includes("@@BIND@@"));
  const serversMarkers = lines.flatMap((line, index) => (line.includes("@@SERVERS@@") ? [index] : []));
  if (bindMarker < 0 || serversMarkers.length === 0) throw new Error(`${haproxyTemplate} has lost its @@BIND@@ or @@SERVERS@@ line`);
  const indent = lines[bindMarker].match(/^\s*/)![0];
  // HAProxy reads the port after the last colon, so an IPv6 address needs no brackets.
  lines[bindMarker + 1] = `${indent}bind ${opts.host}:${opts.port}`;
  // Each backend's example servers are every `server` line after its marker, up to the end of the backend; the last
  // backend first, so the earlier markers' places stay where they were.
  const servers = opts.nodes.map((node) => `${indent}server ${node.name} 127.0.0.1:${node.port} cookie ${node.name}`);
  for (const marker of serversMarkers.reverse()) {
    let end = marker + 1;
    while (end < lines.length && /^\s*server\s/.test(lines[end])) end += 1;
    lines.splice(marker + 1, end - marker - 1, ...servers);
  }
  return lines.join("\n");
}

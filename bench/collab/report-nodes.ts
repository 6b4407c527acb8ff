// The report's parts for several nodes (--nodes N): how the clients were spread, latency within and across nodes,
// each node's and Redis's own figures, whether every update was stored once, and the issue's two aims judged.
import { cpus } from "node:os";
import { fmt, mb, ms, ratio } from "../lib";
import { args, wholeRooms } from "./options";
import type { LatencyFigures, RunResult } from "./run-server";

const find = (runs: RunResult[]) => ({
  ref: runs.find((run) => run.kind === "reference"),
  one: runs.find((run) => run.kind === "ours"),
  nodes: runs.find((run) => run.kind === "nodes"),
});

/** Servers' and Redis's CPU per delivered update, in µs (Redis counts only where there is one). */
const wholeCpuMicros = (run: RunResult) => ((run.serverCpuSeconds + (run.redis?.cpuSeconds ?? 0)) / run.received) * 1e6;

export function nodesParameters(runs: RunResult[]): string[] {
  const { nodes } = find(runs);
  const crossShare = nodes?.crossNode && nodes.sameNode ? nodes.crossNode.samples / (nodes.crossNode.samples + nodes.sameNode.samples) : Number.NaN;
  return [
    `- Several nodes: ours runs twice on one PostgreSQL database (prepared once, kept between runs): as one node (one process, no Redis: the portal as it runs today) and as ${args.nodes} nodes (${args.nodes} processes of createPortal, each with services.redis from connectRedis, so with the Redis collaboration bus createPortal builds from it, joined through ${nodes?.redis?.description ?? "Redis"}). ${wholeRooms ? `Every client of room r connects directly to node r mod ${args.nodes} (--whole-rooms; no balancer): nothing crosses a node, so this measures what splitting the same work over ${args.nodes} processes costs on this machine, apart from the bus` : `Client k of room r connects directly to node (k + r) mod ${args.nodes} (no balancer): a room's editors on different nodes, its readers spread over the others`}${Number.isFinite(crossShare) ? `; ${fmt(crossShare * 100, 0)}% of the deliveries measured crossed a node` : ""}.`,
  ];
}

export function nodesSections(runs: RunResult[]): string[] {
  const { ref, one, nodes } = find(runs);
  if (!nodes) return [];
  const columns = [ref?.latency, one?.latency, nodes.latency, nodes.sameNode, nodes.crossNode];
  const latency = [
    `| | reference | ours, one node | ${args.nodes} nodes: every delivery | same node | **cross node** | cross node / one node |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...(
      [
        ["deliveries measured", (figures) => figures.samples, (value) => String(value)],
        ["p50 (ms)", (figures) => figures.p50, ms],
        ["p95 (ms)", (figures) => figures.p95, ms],
        ["p99 (ms)", (figures) => figures.p99, ms],
        ["max (ms)", (figures) => figures.max, ms],
      ] as [string, (figures: LatencyFigures) => number, (value: number) => string][]
    ).map(([label, pick, format]) => {
      const cells = columns.map((figures) => (figures?.samples ? format(pick(figures)) : "–"));
      const crossOverOne = label !== "deliveries measured" && one && nodes.crossNode?.samples ? ratio(pick(nodes.crossNode), pick(one.latency)) : "";
      return `| ${label} | ${cells.join(" | ")} | ${crossOverOne} |`;
    }),
  ];
  const perNode = [
    "| process | CPU seconds (window) | CPU (cores) | CPU seconds while connecting | RSS idle | peak RSS | VmHWM | event-loop delay p99 / max (ms) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...nodes.nodes.map(
      (node, index) =>
        `| node ${index + 1} | ${fmt(node.cpuSeconds, 2)} | ${fmt(node.cpuSeconds / nodes.wallSeconds, 3)} | ${fmt(node.connectCpuSeconds, 2)} | ${mb(node.rssIdle)} | ${mb(node.rssPeak)} | ${mb(node.hwm)} | ${ms(node.eventLoop.p99)} / ${ms(node.eventLoop.max)} |`,
    ),
    ...(nodes.redis
      ? [
          `| Redis | ${fmt(nodes.redis.cpuSeconds, 2)}${nodes.redis.procCpuSeconds !== null ? ` (/proc: ${fmt(nodes.redis.procCpuSeconds, 2)})` : ""} | ${fmt(nodes.redis.cpuSeconds / nodes.wallSeconds, 3)} | | | | | |`,
          `| **nodes + Redis** | **${fmt(nodes.serverCpuSeconds + nodes.redis.cpuSeconds, 2)}** | ${fmt((nodes.serverCpuSeconds + nodes.redis.cpuSeconds) / nodes.wallSeconds, 3)} | ${fmt(nodes.connect.serverCpuSeconds, 2)} | ${mb(nodes.rssIdle)} | ${mb(nodes.rssPeak)} | | |`,
        ]
      : []),
  ];
  const stored = [one, nodes]
    .filter((run): run is RunResult => run?.storedChanges !== undefined)
    .map((run) => `${run.kind === "nodes" ? `${args.nodes} nodes` : "one node"}: ${fmt(run.storedChanges, 0)} stored of ${run.allSends} sent${run.storedChanges === run.allSends ? " (each once)" : ""}`);
  return [
    `### Latency within and across nodes`,
    "",
    ...latency,
    "",
    `### Each node, and Redis (measured window${nodes.rounds > 1 ? `, ${nodes.rounds} rounds summed; memory the highest` : ""})`,
    "",
    ...perNode,
    "",
    ...(nodes.redis
      ? [`Redis processed ${nodes.redis.commands.toLocaleString("en-GB")} commands in the window (${fmt(nodes.redis.commands / nodes.windowSeconds, 0)}/s; every client of it counts, the benchmark's nodes and anyone else's) and had ${nodes.redis.clients} clients connected at its end.`, ""]
      : []),
    `Accepted updates stored during each run (the sum of collab_updates.changes before and after it, every node's pending writes flushed) against every update sent, warm-up included: ${stored.join("; ")}.`,
    "",
  ];
}

export function nodesReading(runs: RunResult[]): string[] {
  const { ref, one, nodes } = find(runs);
  if (!nodes) return [];
  const out: string[] = [];
  if (!nodes.crossNode?.samples) {
    out.push(
      `- **No update crossed a node (${nodes.received} of ${nodes.expected} deliveries arrived, all within a node): in this build the nodes share Redis but not their documents' updates, so neither aim can be judged.** The figures below are for the record only.`,
    );
  }
  if (one && nodes.crossNode?.samples) {
    const p99 = nodes.crossNode.p99 / one.latency.p99;
    out.push(
      `- **Aim: cross-node p99 within 2× of one node's. ${args.nodes} nodes, cross node: ${ms(nodes.crossNode.p99)} ms against one node's ${ms(one.latency.p99)} ms = ${ratio(nodes.crossNode.p99, one.latency.p99)}: ${p99 <= 2 ? "met" : "not met"} in this run.** (p50 ${ms(nodes.crossNode.p50)} against ${ms(one.latency.p50)} ms; same node p99 ${ms(nodes.sameNode?.p99 ?? Number.NaN)} ms.)`,
    );
  }
  if (one && nodes.crossNode?.samples) {
    const cpu = wholeCpuMicros(nodes) / one.cpuMicrosPerDelivered;
    out.push(
      `- **Aim: CPU per delivered update, summed over the nodes and Redis, within 1.5× of one node's. ${fmt(wholeCpuMicros(nodes), 1)} µs (nodes ${fmt(nodes.cpuMicrosPerDelivered, 1)} + Redis ${fmt(((nodes.redis?.cpuSeconds ?? 0) / nodes.received) * 1e6, 1)}) against ${fmt(one.cpuMicrosPerDelivered, 1)} µs = ${ratio(wholeCpuMicros(nodes), one.cpuMicrosPerDelivered)}: ${cpu <= 1.5 ? "met" : "not met"} in this run.**${ref ? ` Against the reference server's ${fmt(ref.cpuMicrosPerDelivered, 1)} µs: ${ratio(wholeCpuMicros(nodes), ref.cpuMicrosPerDelivered)}.` : ""}`,
    );
  }
  // A window in which the client processes themselves could not keep time measures the machine, not the servers.
  const worstLag = (run: RunResult) => Math.max(...run.workers.map((worker) => worker.sendLagP99));
  const worstLoop = (run: RunResult) => Math.max(...run.workers.map((worker) => worker.loopP99));
  const starved = runs.filter((run) => worstLag(run) > 100 || worstLoop(run) > 100);
  if (starved.length)
    out.push(
      `- **Read the latency with care: in ${starved.map((run) => `the ${run.kind === "nodes" ? `${args.nodes}-node` : run.kind === "ours" ? "one-node" : "reference"} window${run.rounds > 1 ? "s" : ""} (send lag p99 up to ${ms(worstLag(run))} ms, the client processes' own event loop held up to ${ms(worstLoop(run))} ms p99)`).join(" and ")} the benchmark's client processes could not keep their schedule: the machine was short of CPU, and latency there measures the queue for it as much as the servers.** CPU per delivered update depends far less on it.`,
    );
  const busy = Math.max(...runs.map((run) => run.machineBusyCores));
  out.push(
    `- ${args.nodes} nodes, Redis, ${args.workers} client processes and the harness share ${cpus().length} cores: the machine was up to ${fmt(busy, 2)} cores busy in a window, up to ${fmt(Math.max(...runs.map((run) => run.otherCores)), 2)} of them others' work. Each node also re-checks access and holds its own database pool, a fixed cost that does not shrink with the load per node.`,
  );
  if (nodes.storedChanges !== undefined && nodes.storedChanges !== nodes.allSends)
    out.push(`- **${args.nodes} nodes stored ${fmt(nodes.storedChanges, 0)} accepted updates for ${nodes.allSends} sent: ${nodes.storedChanges > nodes.allSends ? "some were stored more than once" : "some were not stored (or were refused)"}.**`);
  return out;
}

export function nodesMethod(): string[] {
  return [
    "- Several nodes: each client worker knows every client's node, so each latency sample is filed as same node (sender and receiver connected to one node) or cross node (the update went from the sender's node through Redis to the receiver's). Server CPU is utime+stime of every node summed; Redis's CPU is its own count (INFO cpu: used_cpu_user + used_cpu_sys, children included) at the window's start and end, checked against /proc/<pid>/stat when Redis runs on this machine. On a shared Redis, everyone's commands count in its CPU: `--own-redis` starts a private one for the run.",
    "- Stored once: before the warm-up and after the drain every node flushes its pending writes, and the sum of `collab_updates.changes` (which merges keep) is read; the difference is the accepted updates stored in the round, set against every update the editors sent.",
  ];
}

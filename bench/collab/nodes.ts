// Several nodes (--nodes N): which node each client of a room connects to, the Redis the nodes join (the one given, or
// a private redis-server started for the run with --own-redis), and Redis's own CPU over the measured window.
import { spawn } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "../../scripts/cluster/free-port";
import { processCpuSeconds, sleep } from "../lib";
import { children } from "./children";

/**
 * Client k of room r goes to node (k + r) mod N: a room's editors (its first clients) land on different nodes, its
 * readers on the others, and the rooms' first clients rotate over the nodes so that each node carries its share. With
 * 5 clients and 2 editors over 3 nodes, 3 of each update's 4 deliveries cross a node. With `wholeRooms`
 * (--whole-rooms), every client of room r goes to node r mod N: nothing crosses a node, so the run measures what
 * splitting the same work over N processes costs on this machine, apart from the bus.
 */
export function nodeOfClient(clientInRoom: number, roomIndex: number, nodes: number, wholeRooms = false): number {
  return wholeRooms ? roomIndex % nodes : (clientInRoom + roomIndex) % nodes;
}

export type RedisServer = { url: string; description: string };

/** A private redis-server on a free port on 127.0.0.1, no persistence; ended with the benchmark's other children. */
export async function startOwnRedis(): Promise<RedisServer> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on("error", () => {});
  for (let attempt = 0; ; attempt++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (error) {
      if (attempt >= 50 || child.exitCode !== null) throw new Error(`redis-server on port ${port} did not start: ${(error as Error).message}`);
      await sleep(100);
    }
  }
  const version = /redis_version:(\S+)/.exec(await probe.info("server"))?.[1] ?? "?";
  probe.disconnect();
  return { url, description: `a private redis-server ${version} on 127.0.0.1:${port} (no persistence), started for the run` };
}

/** Redis's CPU seconds so far, by its own count (INFO cpu: used_cpu_user + used_cpu_sys, main process and children). */
export type RedisMeter = {
  description: string;
  /** Its process on this machine, if it runs here. */
  pid: number | null;
  /** CPU seconds by INFO cpu, and by /proc/<pid>/stat when Redis runs on this machine (a cross-check at 10 ms ticks). */
  read(): Promise<{ info: number; proc: number | null; commands: number; clients: number }>;
  close(): void;
};

export async function redisMeter(url: string): Promise<RedisMeter> {
  const client = new Redis(url, { connectionName: "bench-redis-meter", maxRetriesPerRequest: 1 });
  client.on("error", () => {});
  const server = await client.info("server");
  const version = /redis_version:(\S+)/.exec(server)?.[1] ?? "?";
  const pid = Number(/process_id:(\d+)/.exec(server)?.[1]);
  const local = Number.isFinite(pid) && processCpuSeconds(pid) !== null;
  const field = (text: string, name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, "m").exec(text)?.[1] ?? 0);
  return {
    description: `Redis ${version} at ${new URL(url).host}${local ? ` (pid ${pid} on this machine)` : ""}`,
    pid: local ? pid : null,
    read: async () => {
      const [cpu, stats, clients] = await Promise.all([client.info("cpu"), client.info("stats"), client.info("clients")]);
      return {
        info:
          field(cpu, "used_cpu_user") + field(cpu, "used_cpu_sys") + field(cpu, "used_cpu_user_children") + field(cpu, "used_cpu_sys_children"),
        proc: local ? processCpuSeconds(pid) : null,
        commands: field(stats, "total_commands_processed"),
        clients: field(clients, "connected_clients"),
      };
    },
    close: () => client.disconnect(),
  };
}

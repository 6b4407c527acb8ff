// Portal nodes as processes of their own (`server/index.ts`, as `npm start` runs it), for tests that kill one with
// SIGKILL: each joined to the others through REDIS_URL on one PostgreSQL database.
import { signInOver, startPortalProcess, type PortalProcess } from "./portal-process";
import { demoUser, DEMO_PASSWORD } from "../../db/seed";

export type NodeProcess = PortalProcess & {
  url: string;
  signIn(userKey: string): Promise<string>;
  /** SIGTERM, and waits for the exit (nothing if it has exited already). */
  stop(): Promise<void>;
};

export async function startNodeProcess(env: { DATABASE_URL: string; REDIS_URL: string } & Record<string, string>): Promise<NodeProcess> {
  const node = startPortalProcess(env);
  const url = await node.address();
  return {
    ...node,
    url,
    // The nodes share one database: a person's codes are taken once across all of them.
    signIn: (userKey) => signInOver(url, demoUser(userKey).email, DEMO_PASSWORD, env.DATABASE_URL),
    async stop() {
      if (node.child.exitCode !== null || node.child.signalCode !== null) return;
      node.child.kill("SIGTERM");
      await node.exited;
    },
  };
}

/** Starts `count` nodes one after another (each migrates the database as it starts; they all see one). */
export async function startNodeProcesses(count: number, env: { DATABASE_URL: string; REDIS_URL: string } & Record<string, string>): Promise<NodeProcess[]> {
  const nodes: NodeProcess[] = [];
  for (let index = 0; index < count; index++) nodes.push(await startNodeProcess(env));
  return nodes;
}

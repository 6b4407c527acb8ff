// The portal as its own process, as `npm start` runs it, for tests of start-up, shutdown and crashes.
import { spawn, type ChildProcess } from "node:child_process";
import { projectRoot } from "../../server/http";
import { httpTo, signInThroughBothSteps } from "./demo-codes";

export type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

export type PortalProcess = {
  child: ChildProcess;
  exited: Promise<Run>;
  /** The address the portal printed once it was listening. */
  address(): Promise<string>;
  output(): string;
};

export function startPortalProcess(env: Record<string, string>, script = "server/index.ts"): PortalProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: projectRoot,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<Run>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })));
  const address = async (): Promise<string> => {
    for (let waited = 0; waited < 60_000; waited += 100) {
      const match = stdout.match(/running at (http:\/\/\S+)/);
      if (match) return match[1];
      if (child.exitCode !== null) throw new Error(`exited early: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("the portal did not start");
  };
  return { child, exited, address, output: () => stdout };
}

/**
 * Signs in through both steps of the real forms; returns the Cookie header value. `database`: what identifies the
 * portal's database when several nodes share one (codes are taken once per person per database).
 */
export async function signInOver(url: string, email: string, password: string, database = url): Promise<string> {
  const http = httpTo(url);
  return signInThroughBothSteps(http, { portal: database, email, password });
}

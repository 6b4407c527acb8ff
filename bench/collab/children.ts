// The benchmark's child processes (servers, client processes, the cold load), each forked from bench/ and tracked
// until it exits, so that the harness can end every one of them on the way out, whatever happens.
import { fork, type ChildProcess } from "node:child_process";
import { isAbsolute, join } from "node:path";
import { bundleServer } from "../../scripts/bundle-server";
import { benchDir } from "./options";

type ChildMessage = { type: string; [key: string]: unknown };

export const children = new Set<ChildProcess>();

let ourServerBundle: Promise<string> | undefined;

/**
 * our-server.ts as `npm start` runs the portal: bundled for plain `node` (scripts/bundle-server.ts), with no TypeScript
 * loader in the process whose CPU and memory are measured. Bundled once per run, into bench/tmp/.
 */
export function ourServer(): Promise<string> {
  ourServerBundle ??= (async () => {
    const out = join(benchDir, "tmp", "our-server.mjs");
    await bundleServer(join(benchDir, "our-server.ts"), out);
    return out;
  })();
  return ourServerBundle;
}

/** Forks `script`: a .ts file in bench/ (run under tsx), or the absolute path of a bundle (run by plain node). */
export function start(script: string, scriptArgs: string[] = [], env: Record<string, string> = {}, extraExecArgv: string[] = []): ChildProcess {
  const bundled = isAbsolute(script);
  const child = fork(bundled ? script : join(benchDir, script), scriptArgs, {
    execArgv: [...(bundled ? ["--enable-source-maps"] : ["--import", "tsx"]), ...extraExecArgv],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

export function nextMessage(child: ChildProcess, type: string, timeoutMs: number): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no "${type}" from ${child.pid} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ChildMessage) => {
      if (message.type === type) finish(null, message);
      else if (message.type === "error") finish(new Error(`child ${child.pid}: ${String(message.message)}`));
    };
    const onExit = (code: number | null) => finish(new Error(`child ${child.pid} exited (${code}) before "${type}"`));
    function finish(error: Error | null, message?: ChildMessage) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(message!);
    }
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    if (child.connected) child.send({ type: "stop" });
    else child.kill("SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

// What a load balancer asks a node: whether the process answers (/health) and whether it can serve, that is whether
// the database and Redis answer now (/ready). No session is needed and nothing secret is said: the node's id, and
// "up", "down" or "not used" for each part.
import type { Services } from "../services";

/** How long the database and Redis each have to answer before they are reported down. */
export const READY_CHECK_MS = 1_500;

export type Liveness = { status: "ok"; node: string };
export type Readiness = {
  status: "ready" | "not ready";
  node: string;
  database: "up" | "down";
  redis: "up" | "down" | "not used";
};

/** This node's name among the others, or "single" when it is the whole portal. */
const nodeName = (services: Services) => services.redis?.nodeId ?? "single";

export const liveness = (services: Services): Liveness => ({ status: "ok", node: nodeName(services) });

export async function readiness(services: Services): Promise<Readiness> {
  const [database, redis] = await Promise.all([
    answers(async () => void (await services.sql`select 1`)),
    services.redis ? redisAnswers(services.redis) : Promise.resolve("not used" as const),
  ]);
  const ready = database === "up" && redis !== "down";
  return { status: ready ? "ready" : "not ready", node: nodeName(services), database, redis };
}

function redisAnswers(redis: NonNullable<Services["redis"]>): Promise<"up" | "down"> {
  // While a connection is being retried, a PING would wait in its queue: down, without asking.
  if (!redis.isUp()) return Promise.resolve("down");
  return answers(async () => void (await redis.publisher.ping()));
}

async function answers(check: () => Promise<void>): Promise<"up" | "down"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"down">((resolve) => {
    timer = setTimeout(() => resolve("down"), READY_CHECK_MS);
  });
  try {
    return await Promise.race([check().then(() => "up" as const, () => "down" as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

// The Express app: security headers, static files, the same-origin rule for changes, and the Remix handler.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { liveness, readiness } from "./cluster/health";
import { checkAddresses, isClientError, limitBodies, refuse, refuseClientError, refusals } from "./request-limits";
import { clientAddress, isSameOriginRequest, type Services } from "./services";
import { projectRoot } from "../db/project-root";

export { projectRoot };
const govukDir = join(projectRoot, "node_modules", "govuk-frontend", "dist", "govuk");

export function createHttpApp(services: Services, build: ServerBuild): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", services.config.TRUST_PROXY);

  app.use((_req, res, next) => {
    res.locals.nonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.nonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: "no-referrer" },
      xFrameOptions: { action: "deny" },
      strictTransportSecurity: services.config.COOKIE_SECURE && services.config.PUBLIC_ORIGIN?.startsWith("https:") ? undefined : false,
      crossOriginEmbedderPolicy: false,
    }),
  );

  const immutable = { immutable: true, maxAge: "1y", index: false } as const;
  app.use("/assets", express.static(join(projectRoot, "build", "client", "assets"), immutable));
  app.use("/assets", express.static(join(govukDir, "assets"), { maxAge: "1d", index: false }));
  app.use("/govuk", express.static(govukDir, { maxAge: "1h", index: false }));
  app.use(express.static(join(projectRoot, "build", "client"), { maxAge: "1h", index: false }));

  // For a load balancer (decision 047): liveness, and whether the database and Redis answer. No session, no secrets.
  app.get("/health", (_req, res) => void res.set("Cache-Control", "no-store").json(liveness(services)));
  app.get("/ready", async (_req, res, next) => {
    try {
      const ready = await readiness(services);
      res.set("Cache-Control", "no-store").status(ready.status === "ready" ? 200 : 503).json(ready);
    } catch (error) {
      next(error);
    }
  });

  // Addresses that cannot be decoded, hold a NUL, or ask for `?_data=` are refused before anything reads them.
  app.use(checkAddresses());

  // Cross-site request forgery: every request that can change something must come from the portal's own pages.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (!isSameOriginRequest(services.config, req)) return refuse(req, res, refusals.crossSite);
    if (!addressedToPublicOrigin(services, req)) return refuse(req, res, refusals.wrongHost);
    // This rule has judged the request. Remix's own, weaker check compares Origin with Host (and an X-Forwarded-Host
    // nobody vouched for) and answers a mismatch with a 500, so it is given nothing to compare.
    delete req.headers.origin;
    next();
  });

  // Nothing the portal renders or returns as data is cached: it is about children. (Static files were served above.)
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  // Body limits at the edge: size, field count, field length and NUL, before Remix parses anything.
  app.use(limitBodies());

  app.all(
    "*",
    remixHandler(build, services.config.TRUST_PROXY, (req, res) => ({
      services,
      nonce: res.locals.nonce as string,
      clientIp: clientAddress(services.config, req),
      userAgent: String(req.headers["user-agent"] ?? ""),
    })),
  );

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (isClientError(error)) return refuseClientError(req, res);
    console.error("Unhandled request error:", error instanceof Error ? error.message : error);
    if (!res.headersSent) res.status(500).type("text/plain").send("Sorry, there is a problem with the service.");
  });
  return app;
}

/**
 * With PUBLIC_ORIGIN set, a change must be addressed to it (Host, or X-Forwarded-Host from a trusted proxy): a page
 * served under another name that resolves here (DNS rebinding) cannot post as the portal's own.
 */
function addressedToPublicOrigin(services: Services, req: Request): boolean {
  const { PUBLIC_ORIGIN, TRUST_PROXY } = services.config;
  if (!PUBLIC_ORIGIN) return true;
  const forwarded = TRUST_PROXY ? String(req.headers["x-forwarded-host"] ?? "").split(",")[0].trim() : "";
  return (forwarded || req.headers.host) === new URL(PUBLIC_ORIGIN).host;
}

/**
 * Remix's request handler, given the body the edge has already read and checked (`req.body`, from `limitBodies`),
 * never the socket. Otherwise as @remix-run/express builds the request and sends the response.
 */
function remixHandler(build: ServerBuild, trustProxy: boolean, loadContext: (req: Request, res: Response) => AppLoadContext) {
  const handle = createRequestHandler(build, "production");
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      // The port comes from the Host (or trusted X-Forwarded-Host) header; req.hostname respects "trust proxy". Both
      // are the caller's to choose: links in email never take their port from here (server/mail/link-origin.ts).
      const host = (trustProxy && req.get("X-Forwarded-Host")?.split(",")[0].trim()) || req.get("host") || "";
      const port = /:(\d+)$/.exec(host)?.[1];
      const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const each of value) headers.append(name, each);
        else if (value !== undefined) headers.set(name, value);
      }
      // Aborts loaders and actions once no response can be written (the connection closed first).
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(Buffer.isBuffer(req.body) ? req.body : []);
      headers.delete("content-length");
      headers.delete("transfer-encoding");
      const request = new Request(url, { method: req.method, headers, body, signal: controller.signal });
      const response = await handle(request, loadContext(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [name, value] of response.headers.entries()) res.append(name, value);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

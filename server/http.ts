// The Express app: security headers, static files, the same-origin rule for changes, and the Remix handler.
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { clientAddress, isSameOriginRequest, ownOrigin, type Services } from "./services";

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
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

  // Cross-site request forgery: every request that can change something must come from the portal's own pages.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    if (!isSameOriginRequest(services.config, req)) {
      res.status(403).type("text/plain").send("Forbidden: this request did not come from the portal's own pages.");
      return;
    }
    // A full-page post from our own page arrives with `Origin: null` (no-referrer); Remix's own check would refuse
    // it, so it is given the origin the browser has vouched for with Sec-Fetch-Site.
    if (req.headers.origin === undefined || req.headers.origin === "null") req.headers.origin = ownOrigin(services.config, req) ?? undefined;
    next();
  });

  // Nothing the portal renders or returns as data is cached: it is about children. (Static files were served above.)
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req, res) => ({
        services,
        nonce: res.locals.nonce as string,
        clientIp: clientAddress(services.config, req),
        userAgent: String(req.headers["user-agent"] ?? ""),
      }),
    }),
  );

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error("Unhandled request error:", error instanceof Error ? error.message : error);
    if (!res.headersSent) res.status(500).type("text/plain").send("Sorry, there is a problem with the service.");
  });
  return app;
}

// The edge: every address and every request body is checked here, before Remix parses anything. A body is read only
// up to a limit, counted as it streams, and refused with a small page the moment it passes; what reaches a route is a
// form the portal's own pages could have sent.
import type { Request, RequestHandler, Response } from "express";

/**
 * The limits, from the largest forms the portal has. Form schemas (app/forms) cap every box at 5,000 characters or
 * fewer, and the largest forms (the child's voice: three 5,000-character houses and 500 more; the chair's decisions:
 * about 12,000 characters across 13 fields) come to about 15,500 characters. A browser sends each character as up to
 * nine bytes (`%E6%97%A5` for one character outside Latin script), so the child's voice written wholly in, say,
 * Chinese is about 140 KB; 256 KiB leaves room for that and is still small enough that no number of requests in
 * flight can exhaust memory. The busiest form by field count (recording attendance, or convening with one checkbox per
 * invitee) sends one field per person; 300 fields is a meeting of nearly 300 people. A field may hold 20,000
 * characters, four times any schema's limit, so someone who pastes too much into a box still gets the form back with
 * that box's own message ("Reasons must be 5,000 characters or fewer"); only what no page can send is refused here.
 */
export const requestLimits = {
  maxBodyBytes: 256 * 1024,
  maxFields: 300,
  maxFieldCharacters: 20_000,
} as const;

type Limits = { maxBodyBytes: number; maxFields: number; maxFieldCharacters: number };

const FORM = "application/x-www-form-urlencoded";

type Refusal = { status: 400 | 403 | 413 | 415; title: string; message: string };

export const refusals = {
  crossSite: {
    status: 403,
    title: "This request was refused",
    message: "It did not come from the portal's own pages. Nothing was changed. Go to the portal and use its pages.",
  },
  wrongHost: {
    status: 403,
    title: "This request was refused",
    message: "It was not addressed to the portal's own web address. Nothing was changed. Go to the portal at its usual address.",
  },
  badAddress: { status: 400, title: "This address is not valid", message: "The address could not be read. Check it, or go to the start page." },
  dataQuery: {
    status: 400,
    title: "This address is not valid",
    message: "The portal does not answer requests for ?_data=. Go to the page itself.",
  },
  tooLarge: (limits: Limits) => ({
    status: 413,
    title: "What you sent was too large",
    message: `The form was larger than the portal accepts (${limits.maxBodyBytes / 1024} KB). Nothing was saved. Go back, shorten your longest answer and send it again.`,
  }),
  tooManyFields: (limits: Limits) => ({
    status: 400,
    title: "The form could not be read",
    message: `The form had more than ${limits.maxFields.toLocaleString("en-GB")} fields, more than any page of the portal sends. Nothing was saved. Go back, reload the page and try again.`,
  }),
  fieldTooLong: (limits: Limits) => ({
    status: 400,
    title: "An answer was too long",
    message: `An answer was longer than ${limits.maxFieldCharacters.toLocaleString("en-GB")} characters, more than any box in the portal accepts. Nothing was saved. Go back, shorten it and send the form again.`,
  }),
  nul: {
    status: 400,
    title: "The form could not be read",
    message: "The form contained a character the portal cannot store (a NUL character). Nothing was saved. Go back, retype the answer and send the form again.",
  },
  multipart: {
    status: 415,
    title: "The portal does not accept uploads",
    message: "The portal does not accept files or multipart forms. Nothing was saved. Send the form from the portal's own page.",
  },
  notAForm: {
    status: 415,
    title: "The form could not be read",
    message: "The portal accepts only forms sent by its own pages. Nothing was saved. Send the form from the portal's own page.",
  },
  encoded: {
    status: 415,
    title: "The form could not be read",
    message: "The portal does not accept compressed forms. Nothing was saved. Send the form from the portal's own page.",
  },
} satisfies Record<string, Refusal | ((limits: Limits) => Refusal)>;

/**
 * Addresses: one that cannot be decoded or holds a NUL is refused, as is `?_data=` (single fetch is on, so the
 * portal's own pages never send it, and Remix answers it with errors meant for developers).
 */
export function checkAddresses(): RequestHandler {
  return (req, res, next) => {
    const url = req.originalUrl;
    const query = url.indexOf("?");
    const path = query === -1 ? url : url.slice(0, query);
    let decodedPath: string;
    try {
      decodedPath = decodeURIComponent(path);
    } catch {
      return refuse(req, res, refusals.badAddress);
    }
    const params = new URLSearchParams(query === -1 ? "" : url.slice(query + 1));
    if (params.has("_data")) return refuse(req, res, refusals.dataQuery);
    if (decodedPath.includes("\u0000") || [...params].some(([name, value]) => name.includes("\u0000") || value.includes("\u0000")))
      return refuse(req, res, refusals.badAddress);
    next();
  };
}

/**
 * Bodies: only the urlencoded forms the portal's pages send, read into memory up to `maxBodyBytes` and no further
 * (a declared length over it is refused before reading; a chunked body is cut off as it passes), then checked for
 * the number of fields, each field's length, and NUL, which PostgreSQL cannot store in text. The checked body is left
 * on `req.body` for the Remix handler; the socket is never read again.
 */
export function limitBodies(limits: Limits = requestLimits): RequestHandler {
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const encoding = String(req.headers["content-encoding"] ?? "identity").trim().toLowerCase();
    if (encoding !== "identity" && encoding !== "") return refuseUnread(req, res, refusals.encoded);
    const mediaType = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    const declared = req.headers["content-length"] === undefined ? null : Number(req.headers["content-length"]);
    const chunked = req.headers["transfer-encoding"] !== undefined;
    if (mediaType === "" && !chunked && (declared === null || declared === 0)) {
      // A post with nothing in it (a button alone): an empty form, so the route answers it rather than Remix's parser.
      req.headers["content-type"] = FORM;
      req.body = Buffer.alloc(0);
      return next();
    }
    if (mediaType === "multipart/form-data") return refuseUnread(req, res, refusals.multipart);
    if (mediaType !== FORM) return refuseUnread(req, res, refusals.notAForm);
    if (declared !== null && !(declared <= limits.maxBodyBytes)) {
      // A little over (a box pasted too full): let it arrive, discarded, so the browser shows the page rather than a
      // reset connection. Far over: answered at once, and the rest never read.
      if (declared <= limits.maxBodyBytes * 4) return refuseOnceDiscarded(req, res, refusals.tooLarge(limits));
      return refuseUnread(req, res, refusals.tooLarge(limits));
    }

    readUpTo(req, limits.maxBodyBytes).then(
      (body) => {
        if (body === "aborted") return; // the sender went away; there is no one to answer
        if (body === "too-large") return refuseUnread(req, res, refusals.tooLarge(limits));
        const problem = formProblem(body, limits);
        if (problem) return refuse(req, res, problem);
        req.body = body;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

function formProblem(body: Buffer, limits: Limits): Refusal | null {
  const text = body.toString("utf8");
  if (text.split("&").filter((pair) => pair !== "").length > limits.maxFields) return refusals.tooManyFields(limits);
  for (const [name, value] of new URLSearchParams(text)) {
    if (name.length > limits.maxFieldCharacters || value.length > limits.maxFieldCharacters) return refusals.fieldTooLong(limits);
    if (name.includes("\u0000") || value.includes("\u0000")) return refusals.nul;
  }
  return null;
}

/** The body, or "too-large" the moment it passes `max` bytes (nothing more is read), or "aborted". */
function readUpTo(req: Request, max: number): Promise<Buffer | "too-large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer | "too-large" | "aborted") => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.pause();
        finish("too-large");
      } else chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onAbort = () => finish("aborted");
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("close", onAbort);
  });
}

/**
 * Answers without reading the rest of the body: the connection is closed once the answer is sent, so whatever the
 * sender still has to send is never read.
 */
function refuseUnread(req: Request, res: Response, refusal: Refusal) {
  req.pause();
  res.setHeader("Connection", "close");
  res.on("finish", () => req.socket.destroy());
  refuse(req, res, refusal);
}

/** Reads the rest of a body bounded by its Content-Length into nothing, then answers. */
function refuseOnceDiscarded(req: Request, res: Response, refusal: Refusal) {
  req.on("end", () => refuse(req, res, refusal));
  req.resume();
}

/** A small GOV.UK page for a browser, plain text for anything else. Nothing from the request is echoed. */
export function refuse(req: Request, res: Response, refusal: Refusal) {
  res.status(refusal.status);
  res.setHeader("Cache-Control", "no-store");
  const wantsPage = (req.headers.accept ?? "").includes("text/html") && !req.path.endsWith(".data");
  if (!wantsPage) {
    res.type("text/plain").send(`${refusal.title}. ${refusal.message}\n`);
    return;
  }
  res.type("html").send(refusalPage(refusal));
}

function refusalPage({ title, message }: Refusal): string {
  // Only our own fixed words reach this page; they are escaped all the same.
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en" class="govuk-template"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Error: ${escape(title)} – Partnership Portal</title><link rel="stylesheet" href="/govuk/govuk-frontend.min.css"></head>
<body class="govuk-template__body"><header class="govuk-header"><div class="govuk-header__container govuk-width-container"><a href="/" class="govuk-header__link govuk-header__service-name">Partnership Portal</a></div></header>
<div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
<div class="govuk-error-summary" tabindex="-1"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>
<div class="govuk-error-summary__body"><p class="govuk-body">${escape(message)}</p></div></div></div>
<h1 class="govuk-heading-l">${escape(title)}</h1>
<p class="govuk-body"><a class="govuk-link" href="/">Go to the start page</a></p>
</main></div></body></html>
`;
}

/** Errors Express raises itself for bad input (a parameter it cannot decode) carry a 4xx status: a refusal, not a fault. */
export function isClientError(error: unknown): boolean {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500;
}

export function refuseClientError(req: Request, res: Response) {
  refuse(req, res, refusals.badAddress);
}

// Guards for loaders and actions: who is signed in, or a redirect to sign in.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { authenticate, type Authenticated } from "../../server/auth/authenticate";

export type SignedIn = Authenticated;

export function getSignedIn(request: Request, context: AppLoadContext): Promise<SignedIn | null> {
  return authenticate(context.services, request.headers);
}

/** The signed-in person, or a redirect to sign in that comes back here afterwards. */
export async function requireUser(
  request: Request,
  context: AppLoadContext,
  opts: { allowPasswordChange?: boolean } = {},
): Promise<SignedIn> {
  const signedIn = await getSignedIn(request, context);
  const url = new URL(request.url);
  if (!signedIn) {
    const next = `${url.pathname}${url.search}`;
    throw redirect(next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`);
  }
  if (signedIn.user.mustChangePassword && !opts.allowPasswordChange) throw redirect("/account/password");
  return signedIn;
}

/** Only paths on this site are followed after sign-in, never another site, however the address is disguised. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(next)) return "/";
  const base = "http://portal.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return "/";
  }
  if (url.origin !== base || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}`;
}

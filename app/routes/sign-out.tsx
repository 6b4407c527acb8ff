import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearedSessionCookie } from "../../server/auth/session-cookie";
import { invalidateSession } from "../../server/auth/sessions";
import { authenticate } from "../../server/auth/authenticate";
import { audit } from "../utils/permissions.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  // Someone half signed in (password given, second factor not) may sign out too.
  const signedIn = await authenticate(context.services, request.headers, { halfSignedIn: true });
  if (signedIn) {
    await invalidateSession(context.services.sql, signedIn.session.id);
    // Open pages of this session stop writing before the person is told they are signed out.
    await context.services.events.endAccess({ kind: "sessions-ended", userId: signedIn.user.id, sessionIds: [signedIn.session.id] });
    await audit(context, signedIn, { action: "sign-out", outcome: "success", target: `user:${signedIn.user.id}` });
  }
  return redirect("/sign-in?signed-out=1", { headers: { "Set-Cookie": clearedSessionCookie(context.services) } });
}

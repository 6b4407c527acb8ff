// The two ways a door matrix row is written: someone signed out, sent to sign in and back (`signedOut`), and someone
// signed in who is turned away with a 404 or 403 (`refused`). Used by the door-matrix-routes-*.ts files.
import type { Door } from "./door-matrix-routes";

export const signedOut = (path: string, method: "GET" | "POST" = "GET", form: Record<string, string> = {}): Door => ({
  as: "signed out",
  method,
  path,
  form,
  status: 302,
  toSignIn: true,
});
export const refused = (as: string, path: string, status: 403 | 404, method: "GET" | "POST" = "GET", form: Record<string, string> = {}): Door => ({
  as,
  method,
  path,
  form,
  status,
});

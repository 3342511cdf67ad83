import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { revokeSession } from "../lib/accounts.server";
import { clearedSessionCookie, readSessionSecret } from "../lib/auth.server";

export async function loader() {
  return redirect("/");
}

/** Deletes the server-side session, so the cookie is worthless even if it was copied. */
export async function action({ request, context }: ActionFunctionArgs) {
  const secret = readSessionSecret(request);
  if (secret) await revokeSession(context.services.db, secret);
  return redirect("/login", { headers: { "Set-Cookie": clearedSessionCookie(request, context) } });
}

import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import { can } from "../../auth/policy";
import { resolveSession, type SessionUser } from "../../auth/sessions";
import { isDatabaseUnavailable } from "../../db/availability";
import type { Database } from "../../db/database";
import { queryOne } from "../../db/database";
import { parseDraftDocumentName } from "../protocol";

export interface CollabContext {
  user: SessionUser;
  draftId: number;
}

const SESSION_COOKIE = "kizuna_session";

function cookieSecret(header: string | undefined): string | null {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/**
 * Who is connecting, and what they may do with this draft: the token (a `kizuna token`
 * or the session cookie's value) or else the cookie the browser sent with the upgrade.
 * PT members edit; everyone else who may read the draft gets a read-only connection, and
 * Hocuspocus then drops their document updates on the server.
 */
export class AuthExtension implements Extension {
  extensionName = "kizuna-auth";
  priority = 1000;

  constructor(private readonly db: Database) {}

  async onAuthenticate({ token, documentName, requestHeaders, request, connectionConfig }: onAuthenticatePayload): Promise<CollabContext> {
    const draftId = parseDraftDocumentName(documentName);
    if (draftId === null) throw new Error("unknown document");
    try {
      const user = (await resolveSession(this.db, token)) ?? (await resolveSession(this.db, cookieSecret(requestHeaders.cookie)));
      if (!user || !can(user, "draft.read")) throw new Error("unauthorized");
      const draft = await queryOne(this.db, "SELECT 1 FROM drafts WHERE id = $1", [draftId]);
      if (!draft) throw new Error("no such draft");
      connectionConfig.readOnly = !can(user, "draft.edit");
      return { user, draftId };
    } catch (error) {
      // A refusal would end the editor ("session ended") and the provider would not retry.
      // With the database away (restarting) the socket is dropped instead: the provider
      // reconnects with its back-off until the database is back.
      if (isDatabaseUnavailable(error)) request.socket.destroy();
      throw error;
    }
  }
}

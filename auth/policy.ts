import type { Role } from "./roles";

/**
 * Every permission in Kizuna, asked through can(). Loaders, actions, the collaboration
 * server and the CLI all ask here, and loaders send the answers to the UI so it never
 * guesses what to show.
 */
export const ACTIONS = [
  "user.manage", // create users, change roles, deactivate
  "record.read", // knowledge base, decisions, search
  "record.write", // create and edit records, import documents
  "draft.read", // open a draft and watch it live
  "draft.edit", // change the text of a draft
  "draft.create",
  "comment.create", // comment on a clause, reply
  "comment.dispose", // set 対応区分 and 県の考え方, accept suggestions
  "comment.onBehalf", // record a member's comment from minutes
  "comment.moderate", // hide a comment with a reason
  "settings.manage", // search synonyms and other workspace settings
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Actor {
  id: number;
  role: Role;
  active: boolean;
}

const GRANTS: Record<Role, ReadonlySet<Action>> = {
  admin: new Set<Action>(["user.manage", "settings.manage", "record.read", "record.write", "draft.read", "comment.moderate"]),
  pt: new Set<Action>([
    "record.read",
    "record.write",
    "draft.read",
    "draft.edit",
    "draft.create",
    "comment.create",
    "comment.dispose",
  ]),
  study: new Set<Action>(["record.read", "draft.read", "comment.create"]),
  staff: new Set<Action>(["record.read", "record.write", "draft.read", "comment.onBehalf"]),
};

/** Resources that belong to a person, for rules such as "edit your own comment". */
export interface OwnedResource {
  ownerId?: number | null;
}

export function can(actor: Actor | null | undefined, action: Action, _resource?: OwnedResource): boolean {
  if (!actor || !actor.active) return false;
  return GRANTS[actor.role].has(action);
}

/** The whole answer sheet for one person, sent to the UI with every page. */
export function permissionsOf(actor: Actor | null | undefined): Record<Action, boolean> {
  return Object.fromEntries(ACTIONS.map((a) => [a, can(actor, a)])) as Record<Action, boolean>;
}

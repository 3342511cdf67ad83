// Server-only doorway from routes to the account modules (Remix drops *.server files from
// the browser bundle).
export { logIn } from "../../auth/login";
export { revokeSession } from "../../auth/sessions";
export { changeRole, createUser, listUsers, setActive } from "../../auth/users";

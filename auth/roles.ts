export const ROLES = ["admin", "pt", "study", "staff"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "事務局",
  pt: "PTメンバー",
  study: "研究会メンバー",
  staff: "職員",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

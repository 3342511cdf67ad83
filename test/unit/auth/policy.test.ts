import { describe, expect, it } from "vitest";
import { ACTIONS, can, permissionsOf, type Action } from "../../../auth/policy";
import { ROLES, type Role } from "../../../auth/roles";

// The permission matrix, written out by hand from the issues: a change to the policy
// module must change this table too.
const EXPECTED: Record<Action, Role[]> = {
  "user.manage": ["admin"],
  "record.read": ["admin", "pt", "study", "staff"],
  "record.write": ["admin", "pt", "staff"],
  "draft.read": ["admin", "pt", "study", "staff"],
  "draft.edit": ["pt"],
  "draft.create": ["pt"],
  "comment.create": ["pt", "study"],
  "comment.dispose": ["pt"],
  "comment.onBehalf": ["staff"],
  "comment.moderate": ["admin"],
  "settings.manage": ["admin"],
};

describe("policy", () => {
  it("covers every action in the table", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const allowed = EXPECTED[action].includes(role);
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can({ id: 1, role, active: true }, action)).toBe(allowed);
      });
    }
  }

  it("allows nothing to a deactivated account or to nobody", () => {
    for (const action of ACTIONS) {
      expect(can({ id: 1, role: "admin", active: false }, action)).toBe(false);
      expect(can(null, action)).toBe(false);
    }
  });

  it("sends the UI the same answers as can()", () => {
    const sheet = permissionsOf({ id: 2, role: "study", active: true });
    expect(sheet["comment.create"]).toBe(true);
    expect(sheet["draft.edit"]).toBe(false);
    expect(sheet["user.manage"]).toBe(false);
  });
});

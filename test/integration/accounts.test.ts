import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, THROTTLED, WRONG_CREDENTIALS } from "../../auth/login";
import { issueSession, resolveSession, revokeSession } from "../../auth/sessions";
import { changeRole, createUser, findUserByLogin, setActive } from "../../auth/users";
import { migrate } from "../../db/migrate";
import { seed } from "../../seeds";
import { DEMO_USERS } from "../../seeds/users";
import { backends, type TestDatabase } from "../support/db";

describe.each(backends)("accounts on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.create();
    await seed(t.db);
  });
  afterAll(() => t?.drop());

  it("migrations and seeds can run again without duplicating anything", async () => {
    expect((await migrate(t.db)).applied).toEqual([]);
    const again = await seed(t.db);
    expect(again.createdUsers).toEqual([]);
    const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users");
    expect(n).toBe(DEMO_USERS.length);
    const [{ d }] = await t.db.query<{ d: number }>("SELECT count(*)::int AS d FROM departments");
    expect(d).toBe(9);
  });

  it("seeds one demo user per role named in the scripting contract", async () => {
    const rows = await t.db.query<{ login: string; role: string }>("SELECT login, role FROM users ORDER BY login");
    expect(rows).toEqual([
      { login: "admin", role: "admin" },
      { login: "pt1", role: "pt" },
      { login: "pt2", role: "pt" },
      { login: "staff1", role: "staff" },
      { login: "study1", role: "study" },
      { login: "study2", role: "study" },
    ]);
  });

  it("logs in with the demo password and resolves the session to the user", async () => {
    const result = await logIn(t.db, "pt1", "kizuna-pt1", "10.0.0.1");
    const user = await resolveSession(t.db, result.secret);
    expect(user?.login).toBe("pt1");
    expect(user?.role).toBe("pt");
  });

  it("gives the same message for a wrong password and an unknown login", async () => {
    await expect(logIn(t.db, "pt2", "wrong-password", "10.0.0.2")).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(logIn(t.db, "nobody", "wrong-password", "10.0.0.2")).rejects.toThrow(WRONG_CREDENTIALS);
  });

  it("throttles a login after repeated failures, even with the right password", async () => {
    const messages: string[] = [];
    for (let i = 0; i < 20; i++) {
      try {
        await logIn(t.db, "study2", `guess-${i}`, "10.0.0.3");
      } catch (error) {
        messages.push((error as Error).message);
      }
    }
    expect(messages.filter((m) => m === THROTTLED).length).toBeGreaterThanOrEqual(10);
    await expect(logIn(t.db, "study2", "kizuna-study2", "10.0.0.4")).rejects.toThrow(THROTTLED);
    // Another account from another address is unaffected.
    await expect(logIn(t.db, "study1", "kizuna-study1", "10.0.0.5")).resolves.toBeTruthy();
  });

  it("treats forged, revoked and expired secrets as logged out", async () => {
    const pt2 = (await findUserByLogin(t.db, "pt2"))!;
    expect(await resolveSession(t.db, "forged-value")).toBeNull();
    expect(await resolveSession(t.db, "")).toBeNull();
    const session = await issueSession(t.db, pt2.id);
    await revokeSession(t.db, session.secret);
    expect(await resolveSession(t.db, session.secret)).toBeNull();
    const expired = await issueSession(t.db, pt2.id, "token", -1000);
    expect(await resolveSession(t.db, expired.secret)).toBeNull();
  });

  it("ends every session and token of a user whose role changes or who is deactivated", async () => {
    const user = await createUser(t.db, { login: "temp.user", role: "pt", password: "a-long-password" });
    const session = await issueSession(t.db, user.id);
    const token = await issueSession(t.db, user.id, "token");
    await changeRole(t.db, user.id, "study", null);
    expect(await resolveSession(t.db, session.secret)).toBeNull();
    expect(await resolveSession(t.db, token.secret)).toBeNull();

    const again = await issueSession(t.db, user.id);
    expect((await resolveSession(t.db, again.secret))?.role).toBe("study");
    await setActive(t.db, user.id, false, null);
    expect(await resolveSession(t.db, again.secret)).toBeNull();
    await expect(logIn(t.db, "temp.user", "a-long-password", "10.0.0.9")).rejects.toThrow(WRONG_CREDENTIALS);
  });

  it("refuses bad accounts with a Japanese message and writes nothing", async () => {
    const before = await t.db.query("SELECT id FROM users");
    await expect(createUser(t.db, { login: "Bad Login!", role: "pt", password: "long-enough-1" })).rejects.toThrow(
      /ログインID/,
    );
    await expect(createUser(t.db, { login: "okname", role: "root", password: "long-enough-1" })).rejects.toThrow(/役割/);
    await expect(createUser(t.db, { login: "okname", role: "pt", password: "short" })).rejects.toThrow(/10文字以上/);
    await expect(createUser(t.db, { login: "pt1", role: "pt", password: "long-enough-1" })).rejects.toThrow(/既に使われています/);
    expect(await t.db.query("SELECT id FROM users")).toHaveLength(before.length);
  });

  it("never leaves the workspace without an active admin", async () => {
    const admin = (await findUserByLogin(t.db, "admin"))!;
    await expect(changeRole(t.db, admin.id, "staff", admin.id)).rejects.toThrow(/最後の事務局/);
    await expect(setActive(t.db, admin.id, false, admin.id)).rejects.toThrow(/最後の事務局/);
  });

  it("rolls back a transaction that fails half way", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await createUser(tx, { login: "half.way", role: "staff", password: "long-enough-1" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await findUserByLogin(t.db, "half.way")).toBeUndefined();
  });
});

describe.each(backends)("audit trail on $name", (backend) => {
  it("stores details as JSON objects, not as JSON strings", async () => {
    const t = await backend.create();
    try {
      const user = await createUser(t.db, { login: "audited", role: "staff", password: "long-enough-1" });
      await changeRole(t.db, user.id, "pt", null);
      const [row] = await t.db.query<{ detail: unknown; kind: string }>(
        "SELECT detail, jsonb_typeof(detail) AS kind FROM audit_log WHERE action = 'user.role'",
      );
      expect(row).toEqual({ detail: { from: "staff", to: "pt" }, kind: "object" });
    } finally {
      await t.drop();
    }
  });
});

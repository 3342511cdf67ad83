import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../../auth/password";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same-password")).not.toBe(await hashPassword("same-password"));
  });

  it("treats composed and decomposed Japanese input as the same password", async () => {
    const hash = await hashPassword("パスワード".normalize("NFC"));
    expect(await verifyPassword("パスワード".normalize("NFD"), hash)).toBe(true);
  });

  it("rejects a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("anything", "plain-text")).toBe(false);
  });
});

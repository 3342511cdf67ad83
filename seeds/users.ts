import type { Role } from "../auth/roles";

export interface DemoUser {
  login: string;
  role: Role;
  displayName: string;
  department?: string;
  /** Demo only: printed by `npm start` on first run and listed in the README. */
  password: string;
}

// The scripting contract in ../shared/DESIGN.md names these logins; keep them stable.
export const DEMO_USERS: DemoUser[] = [
  { login: "admin", role: "admin", displayName: "事務局 管理者", password: "kizuna-admin" },
  { login: "pt1", role: "pt", displayName: "田中 誠", department: "fukushi", password: "kizuna-pt1" },
  { login: "pt2", role: "pt", displayName: "佐藤 美咲", department: "kosodate", password: "kizuna-pt2" },
  { login: "study1", role: "study", displayName: "山本 由紀", password: "kizuna-study1" },
  { login: "study2", role: "study", displayName: "中村 健", password: "kizuna-study2" },
  { login: "staff1", role: "staff", displayName: "小林 彩", department: "fukushi", password: "kizuna-staff1" },
];

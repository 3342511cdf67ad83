import { Form, Link, NavLink } from "@remix-run/react";
import type { Action } from "../../auth/policy";
import { HeaderSearch } from "./HeaderSearch";

interface HeaderUser {
  login: string;
  displayName: string;
  roleLabel: string;
  unreadMentions?: number;
}

interface NavItem {
  to: string;
  label: string;
  needs: Action;
}

// The order and names of the sections come from the product's glossary.
const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "ホーム", needs: "record.read" },
  { to: "/knowledge", label: "ナレッジ", needs: "record.read" },
  { to: "/decisions", label: "決定事項", needs: "record.read" },
  { to: "/drafts", label: "条例案", needs: "draft.read" },
  { to: "/admin", label: "管理", needs: "user.manage" },
];

export function AppHeader({
  user,
  permissions,
}: {
  user: HeaderUser | null;
  permissions?: Record<Action, boolean>;
}) {
  const items = NAV_ITEMS.filter((item) => permissions?.[item.needs]);
  return (
    <header className="site-header">
      <div className="brand-row">
        <Link to="/" className="brand" aria-label="Kizuna ホーム">
          <span className="brand-mark" aria-hidden="true">
            絆
          </span>
          <span className="brand-name">Kizuna</span>
        </Link>
        {user && permissions?.["record.read"] ? <HeaderSearch /> : null}
        {user ? (
          <div className="user-menu">
            {user.unreadMentions ? (
              <Link to="/#mentions-title" className="mention-badge" aria-label={`あなた宛てのメンション 未読${user.unreadMentions}件`}>
                メンション {user.unreadMentions}
              </Link>
            ) : null}
            <span className="user-name">
              {user.displayName}
              <span className="role-badge">{user.roleLabel}</span>
            </span>
            <Form method="post" action="/logout">
              <button type="submit" className="button-quiet">
                ログアウト
              </button>
            </Form>
          </div>
        ) : null}
      </div>
      {user && items.length > 0 ? (
        <nav aria-label="メインメニュー" className="main-nav">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"} prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { permissionsOf } from "../auth/policy";
import { countUnreadMentions } from "./lib/home.server";
import { ROLE_LABELS } from "../auth/roles";
import { AppHeader } from "./components/AppHeader";
import { getCurrentUser } from "./lib/auth.server";
import { useNonce } from "./lib/nonce";
import stylesheet from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context);
  return {
    user: user && {
      login: user.login,
      displayName: user.displayName,
      role: user.role,
      roleLabel: ROLE_LABELS[user.role],
      unreadMentions: await countUnreadMentions(context.services.db, user.id),
    },
    permissions: permissionsOf(user),
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          本文へ移動
        </a>
        <AppHeader user={data?.user ?? null} permissions={data?.permissions} />
        <main id="main" className="page" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>Kizuna（絆）鳥取県 孤独・孤立対策 政策ナレッジベース・条例起草ワークスペース</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // Marks the page as interactive, so that browser tests act only once React has hydrated
  // (before that, a select's change or a button's handler does nothing).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  useLinkedPart();
  return <Outlet />;
}

/**
 * Marks the part an address points at (/knowledge/7#h-21cf8189, from a search hit) with
 * data-linked, for the highlight that :target gives on a full page load: a link followed inside
 * the app changes the address without a load, and :target then matches nothing.
 */
function useLinkedPart() {
  const { hash, key } = useLocation();
  useEffect(() => {
    const id = decodeURIComponent(hash.slice(1));
    const part = id ? document.getElementById(id) : null;
    part?.setAttribute("data-linked", "");
    return () => part?.removeAttribute("data-linked");
  }, [hash, key]);
}

const ERROR_TEXT: Record<number, { title: string; body: string }> = {
  401: { title: "ログインが必要です", body: "ログインしてから、もう一度お試しください。" },
  403: {
    title: "このページを表示する権限がありません",
    body: "お使いのアカウントの役割では、このページや操作は利用できません。必要な場合は事務局にお問い合わせください。",
  },
  404: {
    title: "ページが見つかりません",
    body: "アドレスが間違っているか、ページが移動または削除された可能性があります。",
  },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = ERROR_TEXT[status];
  const title = known?.title ?? "問題が発生しました";
  const body =
    known?.body ??
    (status >= 500
      ? "申し訳ありません。処理中に問題が発生しました。時間をおいて、もう一度お試しください。解決しない場合は事務局にお問い合わせください。"
      : "リクエストを処理できませんでした。入力内容を確かめて、もう一度お試しください。");
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">エラー {status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/">ホームへ戻る</a>
      </p>
    </section>
  );
}

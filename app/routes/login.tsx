import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { logIn } from "../lib/accounts.server";
import { isUserFacingError } from "../../lib/errors";
import { getCurrentUser, safeNext, sessionCookie } from "../lib/auth.server";

export const meta: MetaFunction = () => [{ title: "ログイン | Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context);
  if (user) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

const LoginForm = z.object({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(1024),
  next: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = LoginForm.safeParse(form);
  if (!parsed.success) {
    return data({ error: "ログインIDとパスワードを入力してください。", login: String(form.login ?? "") }, { status: 400 });
  }
  try {
    const session = await logIn(context.services.db, parsed.data.login, parsed.data.password, context.clientIp);
    return redirect(safeNext(parsed.data.next), {
      headers: { "Set-Cookie": sessionCookie(request, context, session.secret, session.expiresAt) },
    });
  } catch (error) {
    if (isUserFacingError(error)) {
      return data({ error: error.message, login: parsed.data.login }, { status: error.status });
    }
    throw error;
  }
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <section className="login-page" aria-labelledby="login-title">
      <h1 id="login-title">ログイン</h1>
      <p className="lead">Kizuna（絆）は、孤独・孤立対策の政策ナレッジと条例案の共同起草のための場です。</p>
      <Form method="post" className="form-card" noValidate={false}>
        <input type="hidden" name="next" value={params.get("next") ?? "/"} />
        {result?.error ? (
          <p className="form-error" role="alert" id="login-error">
            {result.error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="login">ログインID</label>
          <input
            id="login"
            name="login"
            autoComplete="username"
            required
            autoFocus
            defaultValue={result?.login ?? ""}
            aria-describedby={result?.error ? "login-error" : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="password">パスワード</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? "確認しています…" : "ログイン"}
        </button>
      </Form>
    </section>
  );
}

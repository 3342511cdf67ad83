import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { isUserFacingError } from "../../lib/errors";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction = () => [{ title: "検索の言い換え | 管理 | Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "settings.manage");
  return { groups: await context.services.search.synonyms.list() };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), terms: z.string().max(1000) }),
  z.object({ intent: z.literal("update"), id: z.coerce.number().int().positive(), terms: z.string().max(1000) }),
  z.object({ intent: z.literal("remove"), id: z.coerce.number().int().positive() }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "settings.manage");
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false, message: "入力内容が正しくありません。", id: null as number | null }, { status: 400 });
  const input = parsed.data;
  const store = context.services.search.synonyms;
  try {
    if (input.intent === "add") await store.add(input.terms, user.id);
    else if (input.intent === "update") await store.update(input.id, input.terms, user.id);
    else await store.remove(input.id);
    const done = { add: "言い換えを追加しました。", update: "言い換えを保存しました。", remove: "言い換えを削除しました。" }[input.intent];
    return { ok: true, message: `${done}次の検索から反映されます。`, id: null as number | null };
  } catch (error) {
    if (isUserFacingError(error)) return data({ ok: false, message: error.message, id: "id" in input ? input.id : null }, { status: error.status });
    throw error;
  }
}

export default function SearchSynonyms() {
  const { groups } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <nav aria-label="パンくずリスト" className="breadcrumbs">
        <Link to="/admin">管理</Link> › 検索の言い換え
      </nav>
      <h1>検索の言い換え（表記揺れ）</h1>
      <p className="lead">
        同じ意味の書き方をまとめておくと、どれで検索しても同じ記録が見つかります（例：子ども、子供、こども）。変更は次の検索からすぐに反映され、索引の作り直しは不要です。
      </p>
      {result ? (
        <p className={result.ok ? "form-success" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="add-synonym">
        <h2 id="add-synonym">言い換えを追加</h2>
        <Form method="post" className="inline-fields" key={result?.ok ? result.message : "add"}>
          <input type="hidden" name="intent" value="add" />
          <div className="field field-wide">
            <label htmlFor="new-terms">同じ意味の語（読点で区切る）</label>
            <input id="new-terms" name="terms" required placeholder="例：相談窓口、相談先" />
          </div>
          <button type="submit" className="button-primary" disabled={busy}>
            追加する
          </button>
        </Form>
      </section>
      <section aria-labelledby="synonym-list">
        <h2 id="synonym-list">登録済みの言い換え（{groups.length}件）</h2>
        {groups.length === 0 ? (
          <p className="empty-state">まだ登録されていません。</p>
        ) : (
          <ul className="synonym-list">
            {groups.map((g) => (
              <li key={g.id}>
                <Form method="post" className="inline-fields">
                  <input type="hidden" name="id" value={g.id} />
                  <label htmlFor={`terms-${g.id}`} className="visually-hidden">
                    言い換え {g.terms[0]}
                  </label>
                  <input id={`terms-${g.id}`} name="terms" defaultValue={g.terms.join("、")} aria-invalid={result && !result.ok && result.id === g.id ? true : undefined} />
                  <button type="submit" name="intent" value="update" disabled={busy}>
                    保存
                  </button>
                  <button type="submit" name="intent" value="remove" className="button-danger" disabled={busy} aria-label={`「${g.terms.join("、")}」を削除`}>
                    削除
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

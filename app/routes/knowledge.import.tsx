import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { isUserFacingError } from "../../lib/errors";
import { BulkUploader } from "../components/BulkUploader";
import { ImportPreviewList } from "../components/ImportPreviewList";
import { requirePermission } from "../lib/auth.server";
import { formOptions } from "../lib/form-options.server";
import { addToBatch, discardBatch, getBatch, newBatchId, saveBatchItem } from "../lib/knowledge.server";
import { retryAfter, spendRate, spendRestOfUpload } from "../lib/rate-limit.server";
import { parseRecordForm } from "../lib/record-form.server";
import { filesOf, readUploadForm } from "../lib/uploads.server";

export const meta: MetaFunction = () => [{ title: "資料を取り込む | Kizuna（絆）" }];

const BATCH = /^[0-9a-f-]{36}$/;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, "record.write");
  const batchParam = new URL(request.url).searchParams.get("batch");
  const batch = batchParam && BATCH.test(batchParam) ? batchParam : null;
  return {
    batch,
    newBatch: newBatchId(),
    items: batch ? await getBatch(context.services.db, batch, user.id) : [],
    ...(await formOptions(context.services.db)),
  };
}

/** The fields of one preview item, which the form prefixes with "i<id>.". */
function itemForm(form: FormData, id: number): FormData {
  const prefix = `i${id}.`;
  const sub = new FormData();
  for (const [key, value] of form.entries()) if (key.startsWith(prefix)) sub.append(key.slice(prefix.length), value);
  return sub;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "record.write");
  const { db } = context.services;
  const isUpload = request.headers.get("content-type")?.startsWith("multipart/form-data");
  try {
    if (isUpload) {
      spendRate(context, "import", user.id);
      const form = await readUploadForm(request);
      const batch = String(form.get("batch") ?? "");
      if (!BATCH.test(batch)) return data({ message: "ページを開き直してから、もう一度お試しください。", itemErrors: {} }, { status: 400 });
      const files = await filesOf(form);
      if (!files.length) return data({ message: "ファイルを選んでください。", itemErrors: {} }, { status: 400 });
      spendRestOfUpload(context, user.id, files.length);
      for (const file of files) await addToBatch(db, batch, file, user.id);
      return redirect(`/knowledge/import?batch=${batch}`);
    }
    const form = await request.formData();
    const batch = String(form.get("batch") ?? "");
    if (!BATCH.test(batch)) return data({ message: "ページを開き直してから、もう一度お試しください。", itemErrors: {} }, { status: 400 });
    if (form.get("intent") === "discard") {
      await discardBatch(db, batch, user.id);
      return redirect("/knowledge/import");
    }
    const itemErrors: Record<number, string> = {};
    const items = await getBatch(db, batch, user.id);
    for (const item of items.filter((i) => i.status === "ready" && form.get(`i${i.id}.save`) === "on")) {
      const parsed = parseRecordForm(itemForm(form, item.id));
      const fieldErrors = Object.values(parsed.errors);
      if (fieldErrors.length) {
        itemErrors[item.id] = fieldErrors.join(" ");
        continue;
      }
      try {
        // The body comes from the file, not from the form.
        await saveBatchItem(db, item.id, user.id, { ...parsed.draft, bodyText: item.preview!.bodyText });
      } catch (error) {
        if (!isUserFacingError(error)) throw error;
        itemErrors[item.id] = error.message;
      }
    }
    if (Object.keys(itemErrors).length) {
      return data({ message: "保存できなかったファイルがあります。各ファイルの内容を確かめてください。", itemErrors }, { status: 400 });
    }
    return redirect(`/knowledge/import?batch=${batch}&saved=1`);
  } catch (error) {
    if (isUserFacingError(error)) return data({ message: error.message, itemErrors: {} }, { status: error.status, headers: retryAfter(error) });
    throw error;
  }
}

export default function ImportPage() {
  const { batch, newBatch, items, bodies, departments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saved = items.filter((i) => i.status === "saved");
  return (
    <>
      <nav aria-label="パンくずリスト" className="breadcrumbs">
        <Link to="/knowledge">ナレッジ</Link> › 資料を取り込む
      </nav>
      <h1>資料を取り込む</h1>
      <p className="lead">
        ファイルから本文と見出しを読み取り、タイトル・種別・日付・会議体などを提案します。内容を確かめて直してから保存してください。元のファイルはそのまま保管されます。
      </p>
      {result?.message ? (
        <p className="form-error" role="alert">
          {result.message}
        </p>
      ) : null}
      {saved.length ? (
        <div className="form-success" role="status">
          <p>{saved.length}件を保存しました。</p>
          <ul>
            {saved.map((i) => (
              <li key={i.id}>
                <Link to={`/knowledge/${i.recordId}`}>{i.preview?.suggestion.title ?? i.fileName}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {batch && items.some((i) => i.status !== "saved") ? (
        <ImportPreviewList batch={batch} items={items} bodies={bodies} departments={departments} itemErrors={result?.itemErrors ?? {}} />
      ) : (
        <BulkUploader batch={batch ?? newBatch} />
      )}
    </>
  );
}

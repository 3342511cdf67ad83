import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { isUserFacingError } from "../../lib/errors";
import { RecordForm } from "../components/RecordForm";
import { requirePermission } from "../lib/auth.server";
import { formOptions } from "../lib/form-options.server";
import { getRecord, updateRecord } from "../lib/knowledge.server";
import { idParam, notFound } from "../lib/params";
import { parseRecordForm } from "../lib/record-form.server";
import { recordFormValues } from "../lib/record-values";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "記録"}を編集 | Kizuna（絆）` }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, "record.write");
  const record = await getRecord(context.services.db, idParam(params.id));
  if (!record) throw notFound();
  return {
    id: record.id,
    title: record.title,
    revision: record.revision,
    values: recordFormValues(record),
    ...(await formOptions(context.services.db)),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "record.write");
  const id = idParam(params.id);
  const form = parseRecordForm(await request.formData());
  if (Object.keys(form.errors).length || !form.expectedRevision) {
    return data({ values: form.values, errors: form.errors, message: "入力内容を確かめてください。" }, { status: 400 });
  }
  try {
    await context.services.db.transaction((tx) =>
      updateRecord(tx, id, form.expectedRevision!, form.draft, { actorId: user.id, note: form.values.note ?? "" }),
    );
    return redirect(`/knowledge/${id}`);
  } catch (error) {
    // The person's input comes back with the message, so nothing typed is lost.
    if (isUserFacingError(error)) return data({ values: form.values, errors: {}, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function EditRecord() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>記録を編集</h1>
      <p className="lead">{loaded.title}</p>
      <RecordForm
        values={result?.values ?? loaded.values}
        errors={result?.errors}
        message={result?.message}
        submitLabel="保存する"
        cancelTo={`/knowledge/${loaded.id}`}
        revision={loaded.revision}
        bodies={loaded.bodies}
        departments={loaded.departments}
      />
    </>
  );
}

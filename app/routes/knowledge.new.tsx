import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { isUserFacingError } from "../../lib/errors";
import { RecordForm } from "../components/RecordForm";
import { requirePermission } from "../lib/auth.server";
import { createRecord } from "../lib/knowledge.server";
import { parseRecordForm } from "../lib/record-form.server";
import { formOptions } from "../lib/form-options.server";

export const meta: MetaFunction = () => [{ title: "記録を作成 | Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "record.write");
  const kind = new URL(request.url).searchParams.get("kind") ?? "measure";
  return { ...(await formOptions(context.services.db)), kind };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, "record.write");
  const form = parseRecordForm(await request.formData());
  if (Object.keys(form.errors).length) {
    return data({ values: form.values, errors: form.errors, message: "入力内容を確かめてください。" }, { status: 400 });
  }
  try {
    const id = await context.services.db.transaction((tx) =>
      createRecord(tx, form.draft, { actorId: user.id, note: form.values.note || "作成" }),
    );
    return redirect(`/knowledge/${id}`);
  } catch (error) {
    if (isUserFacingError(error)) return data({ values: form.values, errors: {}, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function NewRecord() {
  const { bodies, departments, kind } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>記録を作成</h1>
      <RecordForm
        values={result?.values ?? { kind }}
        errors={result?.errors}
        message={result?.message}
        submitLabel="作成する"
        cancelTo="/knowledge"
        bodies={bodies}
        departments={departments}
      />
    </>
  );
}

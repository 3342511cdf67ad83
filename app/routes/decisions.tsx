import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { UpcomingSection } from "../components/UpcomingSection";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction = () => [{ title: "決定事項 | Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "record.read");
  return null;
}

export default function Page() {
  return <UpcomingSection title="決定事項" purpose="会議で決まったことを、出典の会議録や関連する施策・条文とあわせて一覧にします。" />;
}

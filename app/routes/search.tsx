import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { UpcomingSection } from "../components/UpcomingSection";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction = () => [{ title: "検索 | Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "record.read");
  return null;
}

export default function Page() {
  return <UpcomingSection title="検索" purpose="施策・会議録・決定事項・法令・条文・意見を日本語で横断検索します。" />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { UpcomingSection } from "../components/UpcomingSection";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction = () => [{ title: "ナレッジ | Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "record.read");
  return null;
}

export default function Page() {
  return <UpcomingSection title="ナレッジ" purpose="施策・会議録・計画・調査・法令をここに記録し、条や節の単位で参照できるようにします。" />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { UpcomingSection } from "../components/UpcomingSection";
import { requirePermission } from "../lib/auth.server";

export const meta: MetaFunction = () => [{ title: "条例案 | Kizuna（絆）" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, "draft.read");
  return null;
}

export default function Page() {
  return <UpcomingSection title="条例案" purpose="条・項・号の構造を持つ条例案を、PTメンバーが同時に起草し、研究会メンバーが条ごとに意見を寄せる場所です。" />;
}

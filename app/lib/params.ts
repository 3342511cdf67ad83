import { data } from "@remix-run/node";

/** A route's numeric id, or the 404 page for anything else (ids never reach SQL unchecked). */
export function idParam(value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw notFound();
  return n;
}

/**
 * The loader of a route that only takes POSTs (an API a page's script calls): a GET is
 * answered 405 with Allow, as HTTP says, rather than Remix's 400 for a missing loader.
 */
export function postOnly(): Response {
  return Response.json(
    { error: "このアドレスはデータを送るため(POST)のものです。画面の操作からお使いください。" },
    { status: 405, headers: { Allow: "POST" } },
  );
}

export function notFound() {
  return data({ message: "見つかりません。" }, { status: 404 });
}

/** A positive integer from a query parameter, or undefined for anything else. */
export function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

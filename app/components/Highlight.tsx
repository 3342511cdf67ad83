import type { Highlighted } from "../../search/engine";

/** Text with the matched ranges in <mark>; everything is rendered as text. */
export function Highlight({ value }: { value: Highlighted }) {
  const parts: JSX.Element[] = [];
  let at = 0;
  value.ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(<span key={`t${i}`}>{value.text.slice(at, start)}</span>);
    parts.push(<mark key={`m${i}`}>{value.text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < value.text.length) parts.push(<span key="rest">{value.text.slice(at)}</span>);
  return <>{parts}</>;
}

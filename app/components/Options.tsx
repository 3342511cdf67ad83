/** The <option>s of a select over named rows (bodies, departments …), with an optional blank first. */
export function NamedOptions({ items, empty }: { items: readonly { id: number | string; name: string }[]; empty?: string }) {
  return (
    <>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
    </>
  );
}

/** The <option>s of a select over fixed values, shown through their labels when given. */
export function ValueOptions({ values, labels, empty }: { values: readonly string[]; labels?: Record<string, string>; empty?: string }) {
  return (
    <>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {values.map((value) => (
        <option key={value} value={value}>
          {labels?.[value] ?? value}
        </option>
      ))}
    </>
  );
}

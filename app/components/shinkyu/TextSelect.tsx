// Choosing one side of a comparison: a saved version (版) or, where offered, the current text.

interface Props {
  id: string;
  name: "from" | "to";
  label: string;
  versions: readonly { id: number; label: string }[];
  /** The label of the current text; the option is left out when absent. */
  currentLabel?: string;
  defaultValue: string;
}

export function TextSelect({ id, name, label, versions, currentLabel, defaultValue }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
        {currentLabel ? <option value="current">{currentLabel}</option> : null}
      </select>
    </div>
  );
}

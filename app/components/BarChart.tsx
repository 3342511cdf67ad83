import type { ChartSpec } from "../../knowledge/kinds";

// Horizontal bars drawn as SVG: readable at a glance, printable, no script needed. The
// figures are also in a table for screen readers and for copying.

const BAR_HEIGHT = 26;
const GAP = 10;
const LABEL_WIDTH = 190;
const BAR_AREA = 360;
const VALUE_WIDTH = 110;

/** One decimal for every bar when any has one, so 2.0% stands beside 1.6%, not 2%. */
function formatter(chart: ChartSpec) {
  const digits = chart.bars.some((b) => !Number.isInteger(b.value)) ? 1 : 0;
  return (value: number) =>
    `${value.toLocaleString("ja-JP", { minimumFractionDigits: digits, maximumFractionDigits: digits })}${chart.unit}`;
}

export function BarChart({ chart, id }: { chart: ChartSpec; id: string }) {
  const max = Math.max(...chart.bars.map((b) => b.value), 0) || 1;
  const formatValue = formatter(chart);
  const height = chart.bars.length * (BAR_HEIGHT + GAP) + GAP;
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{chart.title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={chart.title} className="chart-svg">
        {chart.bars.map((bar, i) => {
          const y = GAP + i * (BAR_HEIGHT + GAP);
          const w = Math.max(2, (bar.value / max) * BAR_AREA);
          return (
            <g key={i}>
              <text x={LABEL_WIDTH - 10} y={y + BAR_HEIGHT * 0.7} textAnchor="end" className="chart-label">
                {bar.label}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={w} height={BAR_HEIGHT} rx={3} className="chart-bar" />
              <text x={LABEL_WIDTH + w + 8} y={y + BAR_HEIGHT * 0.7} className="chart-value">
                {formatValue(bar.value)}
                {bar.note ? `（${bar.note}）` : ""}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="chart-table">
        <summary>数値を表で見る</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">項目</th>
              <th scope="col">値</th>
            </tr>
          </thead>
          <tbody>
            {chart.bars.map((bar, i) => (
              <tr key={i}>
                <th scope="row">{bar.label}</th>
                <td>
                  {formatValue(bar.value)}
                  {bar.note ? `（${bar.note}）` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {chart.source ? <p className="chart-source">出典：{chart.source}</p> : null}
    </figure>
  );
}

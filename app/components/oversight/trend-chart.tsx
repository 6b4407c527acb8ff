// A measure's trend by month as an SVG bar chart. The chart is one image with its title and a description that
// reads out every month's figure; the same figures are in the table beside it (./oversight-table.tsx).
import type { TrendPointView } from "../../../server/oversight/dashboard";

const width = 640;
const height = 300;
// Drawn half a page wide beside its table: the text is large in the drawing so it reads at that size.
const margin = { top: 20, right: 16, bottom: 60, left: 72 };
const fontSize = 20;

export function TrendChart({ id, title, label, percent, points }: { id: string; title: string; label: string; percent: boolean; points: TrendPointView[] }) {
  if (points.length === 0) return null;
  const values = points.map((point) => point.value ?? 0);
  const top = percent ? 100 : Math.max(1, ...values);
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = plotWidth / points.length;
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const ticks = percent ? [0, 25, 50, 75, 100] : [...new Set([0, Math.round(top / 2), top])];
  const everyLabel = points.length <= 12;
  const titleId = `trend-${id}-title`;
  const descId = `trend-${id}-desc`;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      className="app-oversight-chart"
      data-testid={`trend-chart-${id}`}
    >
      <title id={titleId}>{`${title}: ${label.charAt(0).toLowerCase()}${label.slice(1)}, as a bar chart.`}</title>
      <desc id={descId}>{points.map((point) => `${point.monthName}: ${point.text}`).join("; ")}. The table beside the chart holds the same figures.</desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} stroke="#b1b4b6" strokeWidth={tick === 0 ? 1.5 : 0.5} />
          <text x={margin.left - 8} y={y(tick) + 6} textAnchor="end" fontSize={fontSize} fill="#0b0c0c" fontFamily="arial, sans-serif">
            {percent ? `${tick}%` : tick}
          </text>
        </g>
      ))}
      {points.map((point, index) => {
        const cx = margin.left + slot * index + slot / 2;
        // Every month of a year or less; over longer ranges, the first, each January and the last.
        const shown = everyLabel || index === 0 || index === points.length - 1 || point.month.endsWith("-01");
        return (
          <g key={point.month}>
            {point.value === null ? null : (
              <rect x={cx - barWidth / 2} y={y(point.value)} width={barWidth} height={Math.max(0, y(0) - y(point.value))} fill="#1d70b8" />
            )}
            {shown ? (
              <text x={cx} y={height - 34} textAnchor="middle" fontSize={fontSize} fill="#0b0c0c" fontFamily="arial, sans-serif">
                {point.monthName.slice(0, 3)}
              </text>
            ) : null}
            {shown && (index === 0 || point.month.endsWith("-01")) ? (
              <text x={cx} y={height - 8} textAnchor="middle" fontSize={fontSize} fill="#0b0c0c" fontFamily="arial, sans-serif">
                {point.month.slice(0, 4)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

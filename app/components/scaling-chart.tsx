// Each agency's scores on a map over time: an SVG line chart, and the same figures as a table for screen readers
// and for anyone who prefers numbers. Agencies are told apart by name and marker shape, not only by colour.
import { ScrollableTable } from "./banners";
import { Cell, Row, Table } from "./table";

export type ChartPoint = { agencyId: string; agencyName: string; colour: string; score: number; when: string; at: string; map: string };

const width = 640;
const height = 260;
const margin = { top: 16, right: 16, bottom: 40, left: 40 };
const markers = ["circle", "square", "triangle", "diamond"] as const;

export function ScalingChart({ points }: { points: ChartPoint[] }) {
  if (points.length === 0) return null;
  const agencies = [...new Map(points.map((point) => [point.agencyId, point])).values()].sort((a, b) => a.agencyName.localeCompare(b.agencyName));
  const times = points.map((point) => Date.parse(point.at));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (at: string) => margin.left + (last === first ? plotWidth / 2 : ((Date.parse(at) - first) / (last - first)) * plotWidth);
  const y = (score: number) => margin.top + plotHeight - (score / 10) * plotHeight;

  return (
    <figure className="app-scaling-chart govuk-!-margin-0 govuk-!-margin-bottom-6">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="scaling-chart-title"
        className="app-scaling-chart__svg"
        data-testid="scaling-chart"
      >
        <title id="scaling-chart-title">
          Scores by agency over time, from 0 (so dangerous the child cannot stay at home) to 10 (safe enough to close the
          case). The table below holds the same figures.
        </title>
        {[0, 2, 4, 6, 8, 10].map((tick) => (
          <g key={tick}>
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} stroke="#b1b4b6" strokeWidth={tick === 0 ? 1.5 : 0.5} />
            <text x={margin.left - 8} y={y(tick) + 4} textAnchor="end" fontSize="13" fill="#0b0c0c" fontFamily="arial, sans-serif">
              {tick}
            </text>
          </g>
        ))}
        <text x={margin.left} y={height - 12} fontSize="13" fill="#0b0c0c" fontFamily="arial, sans-serif">
          {points[0].when}
        </text>
        {last !== first ? (
          <text x={width - margin.right} y={height - 12} fontSize="13" fill="#0b0c0c" fontFamily="arial, sans-serif" textAnchor="end">
            {points[points.length - 1].when}
          </text>
        ) : null}
        {agencies.map((agency, index) => {
          const own = points.filter((point) => point.agencyId === agency.agencyId);
          const marker = markers[index % markers.length];
          return (
            <g key={agency.agencyId}>
              <polyline
                points={own.map((point) => `${x(point.at)},${y(point.score)}`).join(" ")}
                fill="none"
                stroke={agency.colour}
                strokeWidth={2.5}
              />
              {own.map((point, pointIndex) => (
                <Marker key={pointIndex} shape={marker} cx={x(point.at)} cy={y(point.score)} colour={agency.colour} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="govuk-list app-scaling-chart__legend">
          {agencies.map((agency, index) => (
            <li key={agency.agencyId}>
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                <Marker shape={markers[index % markers.length]} cx={8} cy={8} colour={agency.colour} />
              </svg>{" "}
              {agency.agencyName}
            </li>
          ))}
        </ul>
      </figcaption>
      <ScrollableTable label="Every score, oldest first">
        <Table
          className="govuk-!-margin-top-4"
          testId="scaling-history"
          caption="Every score on the case's maps, oldest first"
          captionSize="s"
          columns={["When", "Map", "Agency", { label: "Score", numeric: true }]}
        >
          {points.map((point, index) => (
            <Row key={index}>
              <Cell>{point.when}</Cell>
              <Cell>{point.map}</Cell>
              <Cell>{point.agencyName}</Cell>
              <Cell numeric>{point.score}</Cell>
            </Row>
          ))}
        </Table>
      </ScrollableTable>
    </figure>
  );
}

function Marker({ shape, cx, cy, colour }: { shape: (typeof markers)[number]; cx: number; cy: number; colour: string }) {
  const r = 5;
  if (shape === "circle") return <circle cx={cx} cy={cy} r={r} fill={colour} />;
  if (shape === "square") return <rect x={cx - r} y={cy - r} width={r * 2} height={r * 2} fill={colour} />;
  if (shape === "triangle") return <polygon points={`${cx},${cy - r - 1} ${cx + r + 1},${cy + r} ${cx - r - 1},${cy + r}`} fill={colour} />;
  return <polygon points={`${cx},${cy - r - 1} ${cx + r + 1},${cy} ${cx},${cy + r + 1} ${cx - r - 1},${cy}`} fill={colour} />;
}

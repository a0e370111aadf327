// A figure's twelve months as a server-rendered SVG bar chart with the same numbers in a table beside it: the
// chart is for a glance, the table is what screen readers, printouts and copy-paste into a report use (WCAG 1.1.1:
// the chart's text alternative is the table, which it points to). No JavaScript, no chart library.

const WIDTH = 480;
const HEIGHT = 160;
const PAD = { top: 12, right: 8, bottom: 28, left: 36 };

/** A "nice" top for the axis: 1, 2 or 5 × a power of ten at or above the largest value. */
export function axisTop(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((n) => n * power).find((n) => n >= max)!;
}

export function MonthChart({
  id,
  title,
  monthLabels,
  values,
  total,
  totalLabel,
  monthHeader,
  valueHeader,
  formatValue = (n) => String(n),
}: {
  id: string;
  title: string;
  monthLabels: string[];
  values: number[];
  /** The year's figure: the sum for counts, the latest month for a stock such as places listed. */
  total: number;
  totalLabel: string;
  /** The table's column headings: "月" and what is counted. */
  monthHeader: string;
  valueHeader: string;
  formatValue?: (n: number) => string;
}) {
  const top = axisTop(Math.max(...values));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / values.length;
  const y = (v: number) => PAD.top + innerH - (v / top) * innerH;
  return (
    <figure className="month-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="month-chart__title">
        {title}
      </figcaption>
      <div className="month-chart__body">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`} className="month-chart__svg">
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="month-chart__axis" />
          <text x={PAD.left - 4} y={y(top)} className="month-chart__tick" textAnchor="end" dominantBaseline="middle">
            {formatValue(top)}
          </text>
          <text x={PAD.left - 4} y={y(0)} className="month-chart__tick" textAnchor="end" dominantBaseline="middle">
            0
          </text>
          {values.map((v, i) => (
            <g key={monthLabels[i]}>
              <rect x={PAD.left + i * slot + slot * 0.15} width={slot * 0.7} y={y(v)} height={Math.max(0, y(0) - y(v))} className="month-chart__bar" />
              <text x={PAD.left + i * slot + slot / 2} y={HEIGHT - 8} className="month-chart__tick" textAnchor="middle">
                {monthLabels[i]}
              </text>
            </g>
          ))}
        </svg>
        {/* Months as rows: twelve columns would not fit a phone, and a table that scrolls sideways hides numbers. */}
        <table id={`${id}-table`} className="month-chart__table">
          {/* The figure's caption names the chart; the table repeats it so it stands alone when read on its own. */}
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{monthHeader}</th>
              <th scope="col">{valueHeader}</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v, i) => (
              <tr key={monthLabels[i]}>
                <th scope="row">{monthLabels[i]}</th>
                <td>{formatValue(v)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{totalLabel}</th>
              <td>{formatValue(total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </figure>
  );
}

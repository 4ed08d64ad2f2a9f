import { useId } from 'react';
import '../styles/charts.css';

export interface Bar {
  /** Unique among the chart's bars (a day, a run ID). */
  key: string;
  /** Shown under the bar (may be shortened) and in the data table. */
  label: string;
  value: number;
  /** A longer label for the tooltip and the data table, when `label` is short. */
  title?: string;
  /** Draws the bar in the highlight colour (above a threshold, say). */
  highlight?: boolean;
}

interface BarChartProps {
  title: string;
  bars: Bar[];
  /** What a value counts, for the data table's header and the tooltip ("leads"). */
  unit: string;
  /** Show every n-th label only (counted from the last bar), when bars are many and narrow. */
  labelEvery?: number;
  /** Text shown instead of the chart when there is no bar above zero. */
  empty?: string;
  /** A line under the chart (what a highlighted bar means, say). */
  note?: string;
}

const width = 640;
const height = 220;
const plot = { top: 16, right: 8, bottom: 40, left: 48 };

/** The top of the value axis: a round number at or above the largest value. */
export function axisTop(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= max) ?? 10;
  return step * magnitude;
}

const formatNumber = (value: number) => value.toLocaleString('en');

/** Grid lines at 0, half and the top, the half only when it is a whole count. */
const gridShares = (top: number) => (Number.isInteger(top / 2) ? [0, 0.5, 1] : [0, 1]);

/**
 * A bar chart drawn as SVG, with its numbers also in a table a screen reader reads (the SVG is
 * one image with a summary); scales to its container's width.
 */
export function BarChart(props: BarChartProps) {
  const { bars, unit, labelEvery = 1 } = props;
  const id = useId();
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  const top = axisTop(max);
  const innerWidth = width - plot.left - plot.right;
  const innerHeight = height - plot.top - plot.bottom;
  const slot = innerWidth / Math.max(1, bars.length);
  // A few bars stay bar-shaped instead of filling the width.
  const barWidth = Math.max(1, Math.min(slot * 0.72, 56));
  const y = (value: number) => plot.top + innerHeight - (value / top) * innerHeight;

  return (
    <figure className="bar-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{props.title}</figcaption>
      {max === 0 && props.empty ? (
        <p className="hint">{props.empty}</p>
      ) : (
        <svg
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={`${props.title}: ${bars.length} bars, largest ${formatNumber(max)} ${unit}`}
        >
          {gridShares(top).map((share) => (
            <g key={share} className="grid">
              <line
                x1={plot.left}
                x2={width - plot.right}
                y1={y(top * share)}
                y2={y(top * share)}
              />
              <text x={plot.left - 6} y={y(top * share) + 4} textAnchor="end">
                {formatNumber(top * share)}
              </text>
            </g>
          ))}
          {bars.map((bar, index) => {
            const x = plot.left + index * slot + (slot - barWidth) / 2;
            return (
              <g key={bar.key}>
                <rect
                  className={bar.highlight ? 'bar highlight' : 'bar'}
                  x={x}
                  y={y(bar.value)}
                  width={barWidth}
                  height={Math.max(0, y(0) - y(bar.value))}
                >
                  <title>{`${bar.title ?? bar.label}: ${formatNumber(bar.value)} ${unit}`}</title>
                </rect>
                {(bars.length - 1 - index) % labelEvery === 0 && (
                  <text
                    className="label"
                    x={x + barWidth / 2}
                    y={height - plot.bottom + 16}
                    textAnchor="middle"
                  >
                    {bar.label}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      )}
      {props.note && <p className="hint chart-note">{props.note}</p>}
      <table className="visually-hidden">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">Bar</th>
            <th scope="col">{unit}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.key}>
              <th scope="row">{bar.title ?? bar.label}</th>
              <td>{bar.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

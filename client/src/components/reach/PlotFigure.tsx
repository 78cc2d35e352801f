import { useEffect, useRef, useState, type ReactNode } from 'react';
import type * as PlotModule from '@observablehq/plot';
import { useT } from '../../i18n/index.ts';

/** Observable Plot, fetched with the first chart: no other page downloads it. */
export type PlotLibrary = typeof PlotModule;

let plotLibrary: Promise<PlotLibrary> | undefined;
const loadPlot = (): Promise<PlotLibrary> => (plotLibrary ??= import('@observablehq/plot'));

/**
 * A chart drawn by Observable Plot, with its data table beside it: the table
 * is what a screen reader reads and what the CSV export holds, so the chart
 * itself is labelled and otherwise left to the eye.
 */
export function PlotFigure({
  title,
  draw,
  table,
  testId,
}: {
  title: string;
  /** Builds the chart; called again whenever it changes identity (new data, language). */
  draw: (plot: PlotLibrary) => HTMLElement | SVGSVGElement;
  table: ReactNode;
  testId: 'chart-timeline' | 'chart-watch' | 'chart-speaking' | 'chart-sessions';
}) {
  const t = useT();
  const holder = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    loadPlot().then(
      (plot) => {
        if (!current || holder.current === null) return;
        const chart = draw(plot);
        // Plot labels each mark's <g> ("line", "bar"): ARIA forbids a label on
        // an element without a role. The chart is one labelled image; the
        // table beside it is what assistive technology reads.
        for (const labelled of chart.querySelectorAll('[aria-label], [aria-description]')) {
          labelled.removeAttribute('aria-label');
          labelled.removeAttribute('aria-description');
        }
        chart.setAttribute('role', 'img');
        chart.setAttribute('aria-label', title);
        holder.current.replaceChildren(chart);
      },
      (err: unknown) => {
        if (current) setFailed(err);
      },
    );
    return () => {
      current = false;
    };
  }, [draw, title]);
  return (
    <section className="reach-pair" data-testid={testId}>
      <h2>{title}</h2>
      <figure className="reach-chart">
        <div ref={holder} className="reach-plot" data-testid={`${testId}-chart`} />
        {failed !== null && (
          <p role="alert" className="bad">
            {t('reach.chartFailed')}
          </p>
        )}
      </figure>
      <div
        className="reach-table"
        role="region"
        aria-label={t('reach.tableOf', { title })}
        tabIndex={0}
      >
        {table}
      </div>
    </section>
  );
}

/** A plain data table: header row, then rows of text cells. */
export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly ReactNode[])[];
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          // Rows are positional: the tables are rebuilt whole on each load.
          <tr key={i}>
            {row.map((cell, j) => (
              <td key={j}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

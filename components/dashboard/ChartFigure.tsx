import { Chart, type ChartConfiguration, type ChartType } from 'chart.js';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { readPalette, type Palette } from './charts';

const darkQuery = '(prefers-color-scheme: dark)';

/** 'dark' or 'light', following the system setting as it changes. */
export function useColorScheme(): 'dark' | 'light' {
  const [dark, setDark] = useState(() => typeof matchMedia === 'function' && matchMedia(darkQuery).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia(darkQuery);
    const onChange = () => setDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return dark ? 'dark' : 'light';
}

/**
 * A chart with the same numbers as a table. The canvas is an image to assistive technology,
 * labelled with `summary`; the table (behind “Show table”) is the accessible version. The
 * chart is drawn again with the theme's colours when the data or the colour scheme changes.
 */
export function ChartFigure<T extends ChartType>({
  name,
  summary,
  config,
  dataKey,
  height,
  table,
  testId,
}: {
  /** What the chart shows, in a few words: the table's caption. */
  name: string;
  /** The numbers in a sentence, for the canvas's label. */
  summary: string;
  config: (palette: Palette) => ChartConfiguration<T>;
  /** Changes whenever the chart's numbers do. */
  dataKey: string;
  height: number;
  /** The table's head and body rows. */
  table: { head: ReactNode; body: ReactNode };
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scheme = useColorScheme();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  // The latest builder, read when the chart is (re)drawn; what it draws is keyed by dataKey.
  const build = useRef(config);
  useEffect(() => {
    build.current = config;
  });

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const chart = new Chart(element, build.current(readPalette()) as ChartConfiguration);
    return () => chart.destroy();
  }, [dataKey, scheme]);

  return (
    <figure className="dash-figure" data-testid={testId}>
      <div className="dash-chart" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      <figcaption className="dash-figure-bar">
        <span className="muted">{name}</span>
        <button type="button" className="secondary dash-table-toggle" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((s) => !s)}>
          {showTable ? 'Hide table' : 'Show table'}
        </button>
      </figcaption>
      <div id={tableId} hidden={!showTable} className="dash-table-wrap">
        <table className="dash-table">
          <caption>{name}</caption>
          <thead>{table.head}</thead>
          <tbody>{table.body}</tbody>
        </table>
      </div>
    </figure>
  );
}

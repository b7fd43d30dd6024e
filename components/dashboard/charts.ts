import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type ChartOptions,
} from 'chart.js';
import type { CampaignQuality, Handoff, ProductTimeline } from '../../utils/model';
import { formatDate } from '../format';
import { dayFromIndex, dayIndex, type Period } from './period';

// Only what the dashboard draws: bars (stacked and floating), a doughnut, legend and tooltips.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);

/** The theme's colours (styles.css variables), read when a chart is drawn. */
export interface Palette {
  text: string;
  muted: string;
  border: string;
  bg: string;
  accent: string;
  pass: string;
  fail: string;
  unknown: string;
  font: string;
}

const fallback: Palette = {
  text: '#1c1f24',
  muted: '#5a6270',
  border: '#d5d9e0',
  bg: '#ffffff',
  accent: '#2456d6',
  pass: '#17743a',
  fail: '#b3261e',
  unknown: '#7a5b00',
  font: 'system-ui, sans-serif',
};

export function readPalette(element: Element = document.documentElement): Palette {
  const style = getComputedStyle(element);
  const read = (name: string, otherwise: string) => style.getPropertyValue(name).trim() || otherwise;
  return {
    text: read('--text', fallback.text),
    muted: read('--muted', fallback.muted),
    border: read('--border', fallback.border),
    bg: read('--bg', fallback.bg),
    accent: read('--accent', fallback.accent),
    pass: read('--pass', fallback.pass),
    fail: read('--fail', fallback.fail),
    unknown: read('--unknown', fallback.unknown),
    font: style.fontFamily || fallback.font,
  };
}

/** Options every dashboard chart shares: no animation, theme colours, fits its box. */
function baseOptions(p: Palette): ChartOptions<'bar'> & ChartOptions<'doughnut'> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    color: p.text,
    borderColor: p.border,
    font: { family: p.font, size: 12 },
    plugins: {
      legend: { position: 'bottom', labels: { color: p.text, boxWidth: 14, font: { family: p.font, size: 12 } } },
      tooltip: { enabled: true },
    },
  };
}

const axis = (p: Palette) => ({
  ticks: { color: p.muted, font: { family: p.font, size: 12 } },
  grid: { color: p.border },
  border: { color: p.border },
});

/** Accepted, nurture and rejected per campaign, stacked in one horizontal bar each. */
export function qualityChart(quality: readonly CampaignQuality[], p: Palette): ChartConfiguration<'bar'> {
  const series = [
    { label: 'Accepted', key: 'accepted', color: p.pass },
    { label: 'Nurture', key: 'nurture', color: p.unknown },
    { label: 'Rejected', key: 'rejected', color: p.fail },
  ] as const;
  return {
    type: 'bar',
    data: {
      labels: quality.map((q) => q.campaignName),
      datasets: series.map((s) => ({
        label: s.label,
        data: quality.map((q) => q[s.key]),
        backgroundColor: s.color,
        borderColor: p.bg,
        borderWidth: 1,
      })),
    },
    options: {
      ...baseOptions(p),
      indexAxis: 'y',
      scales: {
        x: { ...axis(p), stacked: true, beginAtZero: true, ticks: { ...axis(p).ticks, precision: 0 }, title: { display: true, text: 'Feedback', color: p.muted } },
        y: { ...axis(p), stacked: true },
      },
    },
  };
}

export interface HandoffSlice {
  label: string;
  count: number;
}

/** The leads captured in the period by where their hand-off stands. */
export function handoffSlices(h: Handoff): HandoffSlice[] {
  const answeredLate = h.answered - h.withinSla;
  const waitingInTime = h.waiting - h.overdue;
  if (h.slaHours === null) {
    return [
      { label: 'Answered', count: h.answered },
      { label: 'Waiting for feedback', count: h.waiting },
    ];
  }
  return [
    { label: 'Answered within the SLA', count: h.withinSla },
    { label: 'Answered after the SLA', count: answeredLate },
    { label: 'Waiting, still within the SLA', count: waitingInTime },
    { label: 'Waiting, overdue', count: h.overdue },
  ];
}

export function handoffChart(h: Handoff, p: Palette): ChartConfiguration<'doughnut'> {
  const slices = handoffSlices(h);
  const colors = h.slaHours === null ? [p.pass, p.accent] : [p.pass, p.unknown, p.accent, p.fail];
  return {
    type: 'doughnut',
    data: {
      labels: slices.map((s) => s.label),
      datasets: [{ label: 'Leads', data: slices.map((s) => s.count), backgroundColor: colors, borderColor: p.bg, borderWidth: 2 }],
    },
    options: { ...baseOptions(p), cutout: '55%', plugins: { ...baseOptions(p).plugins, legend: { ...baseOptions(p).plugins!.legend, position: 'right' } } },
  };
}

export type TimelineRowKind = 'campaign' | 'play' | 'campaign-without-play' | 'play-without-campaign';

export interface TimelineRow {
  kind: TimelineRowKind;
  name: string;
  /** Inclusive days, clipped to the period. */
  from: string;
  to: string;
  /** As planned, before clipping: the end may be open. */
  startsOn: string;
  endsOn: string | null;
}

export const gapWords: Record<'campaign-without-play' | 'play-without-campaign', string> = {
  'campaign-without-play': 'Campaign without a sales play',
  'play-without-campaign': 'Sales play without a campaign',
};

/** A product's campaigns, plays and gaps as rows, each clipped to the period; rows outside it are left out. */
export function timelineRows(t: ProductTimeline, period: Period): TimelineRow[] {
  const clip = (startsOn: string, endsOn: string | null) => {
    const from = startsOn > period.from ? startsOn : period.from;
    const to = endsOn === null || endsOn > period.to ? period.to : endsOn;
    return from <= to ? { from, to } : undefined;
  };
  const items = (kind: 'campaign' | 'play', list: ProductTimeline['campaigns']) =>
    list.flatMap((item) => {
      const span = clip(item.startsOn, item.endsOn);
      return span ? [{ kind, name: item.name, ...span, startsOn: item.startsOn, endsOn: item.endsOn }] : [];
    });
  const gaps = t.gaps.flatMap((g) => {
    const span = clip(g.from, g.to);
    return span ? [{ kind: g.kind, name: gapWords[g.kind], ...span, startsOn: g.from, endsOn: g.to }] : [];
  });
  return [...items('campaign', t.campaigns), ...items('play', t.plays), ...gaps];
}

const rowLabel = (row: TimelineRow) => (row.kind === 'campaign' ? `Campaign: ${row.name}` : row.kind === 'play' ? `Sales play: ${row.name}` : `Gap: ${row.name.toLowerCase()}`);

/** Campaigns, plays and gaps of one product as floating bars over the period's days. */
export function timelineChart(rows: readonly TimelineRow[], period: Period, p: Palette): ChartConfiguration<'bar'> {
  const series = [
    { label: 'Campaigns', kinds: ['campaign'], color: p.accent },
    { label: 'Sales plays', kinds: ['play'], color: p.pass },
    { label: 'Gaps', kinds: ['campaign-without-play', 'play-without-campaign'], color: p.fail },
  ] as const;
  const start = dayIndex(period.from);
  const end = dayIndex(period.to) + 1;
  return {
    type: 'bar',
    data: {
      labels: rows.map(rowLabel),
      datasets: series.map((s) => ({
        label: s.label,
        // Each row's bar runs from the start of its first day to the end of its last.
        data: rows.map((r) => ((s.kinds as readonly string[]).includes(r.kind) ? ([dayIndex(r.from), dayIndex(r.to) + 1] as [number, number]) : null)) as unknown as number[],
        backgroundColor: s.color,
        borderColor: s.color,
        borderWidth: 1,
        borderSkipped: false,
        grouped: false,
        barPercentage: 0.8,
        categoryPercentage: 0.9,
      })),
    },
    options: {
      ...baseOptions(p),
      indexAxis: 'y',
      scales: {
        x: {
          ...axis(p),
          type: 'linear',
          min: start,
          max: end,
          ticks: {
            ...axis(p).ticks,
            stepSize: Math.max(1, Math.ceil((end - start) / 6)),
            // The axis ends where the period's last day does: that line is not a day of its own.
            callback: (value) => (Number(value) >= end ? '' : formatDate(dayFromIndex(Math.floor(Number(value))))),
          },
        },
        y: { ...axis(p), ticks: { ...axis(p).ticks, autoSkip: false } },
      },
      plugins: {
        ...baseOptions(p).plugins,
        tooltip: {
          callbacks: {
            label: (item) => {
              const row = rows[item.dataIndex];
              return row ? `${formatDate(row.from)} – ${formatDate(row.to)}` : '';
            },
          },
        },
      },
    },
  };
}

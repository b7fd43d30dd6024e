import type { Campaign, ProductTimeline, SalesPlay } from '../model';
import type { Workspace } from './data';
import { dayNumber, dayOf } from './period';
import { compareText } from './quality';

/** Inclusive day numbers. */
interface Days {
  from: number;
  to: number;
}

type Dated = Pick<Campaign | SalesPlay, 'id' | 'name' | 'product' | 'startsOn' | 'endsOn'>;

/** The days of `items` inside `period`, as sorted, disjoint, non-adjacent stretches. */
function coverage(items: readonly Dated[], period: Days): Days[] {
  const clipped = items
    .map((i) => ({ from: Math.max(dayNumber(i.startsOn), period.from), to: Math.min(i.endsOn ? dayNumber(i.endsOn) : Infinity, period.to) }))
    .filter((d) => d.from <= d.to)
    .sort((a, b) => a.from - b.from);
  const merged: Days[] = [];
  for (const d of clipped) {
    const last = merged.at(-1);
    if (last && d.from <= last.to + 1) last.to = Math.max(last.to, d.to);
    else merged.push({ ...d });
  }
  return merged;
}

/** The days of `a` that are not in `b` (both as coverage gives them). */
function minus(a: readonly Days[], b: readonly Days[]): Days[] {
  const out: Days[] = [];
  for (const stretch of a) {
    let from = stretch.from;
    for (const cut of b) {
      if (cut.to < from || cut.from > stretch.to) continue;
      if (cut.from > from) out.push({ from, to: cut.from - 1 });
      from = Math.max(from, cut.to + 1);
      if (from > stretch.to) break;
    }
    if (from <= stretch.to) out.push({ from, to: stretch.to });
  }
  return out;
}

const overlaps = (item: Dated, period: { from: string; to: string }) => item.startsOn <= period.to && (item.endsOn === undefined || item.endsOn >= period.from);

const byStart = (a: Dated, b: Dated) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0) || compareText(a.name, b.name) || compareText(a.id, b.id);

const productKey = (product: string) => product.trim().toLocaleLowerCase('en');

/**
 * Campaigns (not drafts) and sales plays side by side, one row a product that has either in
 * the period, and the stretches where one team pushes the product and the other does not.
 * Products are matched ignoring case; a row is named as its earliest item spells it.
 */
export function timing(ws: Workspace, period: { from: string; to: string }): ProductTimeline[] {
  const days = { from: dayNumber(period.from), to: dayNumber(period.to) };
  const campaigns = ws.campaigns.filter((c) => c.status !== 'draft' && overlaps(c, period)).sort(byStart);
  const plays = ws.plays.filter((p) => overlaps(p, period)).sort(byStart);
  const products = new Map<string, { product: string; campaigns: Dated[]; plays: Dated[] }>();
  const row = (item: Dated) => {
    const key = productKey(item.product);
    let r = products.get(key);
    if (!r) products.set(key, (r = { product: item.product, campaigns: [], plays: [] }));
    return r;
  };
  for (const c of campaigns) row(c).campaigns.push(c);
  for (const p of plays) row(p).plays.push(p);

  const item = (i: Dated) => ({ id: i.id, name: i.name, startsOn: i.startsOn, endsOn: i.endsOn ?? null });
  return [...products.values()]
    .map((r) => {
      // Name the row as its earliest item spells the product.
      const first = [...r.campaigns, ...r.plays].sort(byStart)[0]!;
      const marketing = coverage(r.campaigns, days);
      const sales = coverage(r.plays, days);
      const gaps = [
        ...minus(marketing, sales).map((d) => ({ ...d, kind: 'campaign-without-play' as const })),
        ...minus(sales, marketing).map((d) => ({ ...d, kind: 'play-without-campaign' as const })),
      ]
        .sort((a, b) => a.from - b.from)
        .map((g) => ({ from: dayOf(g.from), to: dayOf(g.to), kind: g.kind }));
      return { product: first.product, campaigns: r.campaigns.map(item), plays: r.plays.map(item), gaps };
    })
    .sort((a, b) => compareText(a.product, b.product));
}

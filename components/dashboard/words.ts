import type { GoalProgress } from '../../utils/model';

/** Numbers as the dashboard says them, in the person's locale. */

export function formatCount(n: number): string {
  return n.toLocaleString(undefined, { maximumFractionDigits: 0 });
}

/** 0.4137 → “41 %”; null → “—” (nothing to divide by). */
export function formatShare(share: number | null): string {
  if (share === null) return '—';
  return share.toLocaleString(undefined, { style: 'percent', maximumFractionDigits: 0 });
}

/** Hours with one decimal below 10, whole above: “2.5 h”, “26 h”. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  return `${hours.toLocaleString(undefined, { maximumFractionDigits: hours < 10 ? 1 : 0 })} h`;
}

export const goalStatusWords: Record<GoalProgress['status'], string> = {
  met: 'Met',
  'on-track': 'On track',
  behind: 'Behind',
  'not-computable': 'Can’t be computed',
};

export const ownerWords: Record<GoalProgress['owner'], string> = {
  marketing: 'Marketing',
  sales: 'Sales',
  joint: 'Joint',
};

/** A goal's value against its target, in the target's unit: “13 of 20”, “45 % (target 60 %)”, “6 h (target 24 h or less)”. */
export function goalValueWords(goal: Pick<GoalProgress, 'value' | 'target' | 'unit'>): string {
  const value = goal.value;
  switch (goal.unit) {
    case 'count':
      return value === null ? `— of ${formatCount(goal.target)}` : `${formatCount(value)} of ${formatCount(goal.target)}`;
    case 'percent': {
      const pct = (n: number) => `${n.toLocaleString(undefined, { maximumFractionDigits: 0 })} %`;
      return `${value === null ? '—' : pct(value)} (target ${pct(goal.target)})`;
    }
    case 'hours':
      return `${formatHours(value)} (target ${formatHours(goal.target)} or less)`;
  }
}

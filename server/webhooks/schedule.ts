/**
 * When a failed delivery is tried again. After attempt n fails, the next waits
 * `delaysMs[n - 1]`, give or take `jitter` (a fraction: 0.2 is ±20 %, so that deliveries
 * that failed together, e.g. while the receiver was down, do not all come back at once).
 * After `delaysMs.length + 1` attempts the delivery is `failed`.
 */
export interface RetrySchedule {
  delaysMs: readonly number[];
  jitter: number;
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** 12 attempts over about 22 hours: 10 s, 30 s, 2 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 6 h, 8 h. */
export const defaultRetrySchedule: RetrySchedule = {
  delaysMs: [10 * second, 30 * second, 2 * minute, 5 * minute, 15 * minute, 30 * minute, hour, 2 * hour, 4 * hour, 6 * hour, 8 * hour],
  jitter: 0.2,
};

export const maxAttempts = (schedule: RetrySchedule): number => schedule.delaysMs.length + 1;

/**
 * How long to wait after `failedAttempts` attempts have failed, or null to give up.
 * `random` is in [0, 1).
 */
export function retryDelay(schedule: RetrySchedule, failedAttempts: number, random: () => number = Math.random): number | null {
  const base = schedule.delaysMs[failedAttempts - 1];
  if (base === undefined || failedAttempts < 1) return null;
  const factor = 1 - schedule.jitter + 2 * schedule.jitter * random();
  return Math.max(0, Math.round(base * factor));
}

const units: Record<string, number> = { ms: 1, s: second, m: minute, min: minute, h: hour };

/**
 * Reads durations like `10s,30s,2m,1h` (or bare milliseconds: `100,250`). Throws on anything
 * else, naming the bad part.
 */
export function parseDurations(text: string, what: string): number[] {
  const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error(`${what} lists no durations.`);
  return parts.map((part) => parseDuration(part, what));
}

export function parseDuration(part: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/.exec(part.trim());
  if (!match) throw new Error(`${what}: “${part}” is not a duration like 500ms, 10s, 2m or 1h.`);
  return Math.round(Number(match[1]) * units[match[2] ?? 'ms']!);
}

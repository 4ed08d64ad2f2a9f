import { useClientQuery } from '../api/current-client.tsx';

/** GET /api/overview, as src/http/routes/overview.ts answers it. */
export interface Overview {
  leads: number;
  scoreStatus: Record<'pending' | 'scored' | 'failed' | 'disqualified' | 'unqualified', number>;
  scoreBands: Array<{ from: number; to: number; leads: number }>;
  threshold: number;
  pipeline: { candidates: number; staged: number; invited: number; connected: number };
  scoredPerDay: Array<{ day: string; leads: number }>;
}

export const overviewDays = 30;

export function useOverview() {
  return useClientQuery<Overview>(['overview'], `/overview?days=${overviewDays}`);
}

/** The last `count` UTC days up to `today`, oldest first, each with its count (0 if none). */
export function dailySeries(
  perDay: Overview['scoredPerDay'],
  count: number,
  today: Date = new Date(),
): Array<{ day: string; leads: number }> {
  const byDay = new Map(perDay.map((entry) => [entry.day, entry.leads]));
  return Array.from({ length: count }, (_, index) => {
    const day = new Date(today.getTime() - (count - 1 - index) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    return { day, leads: byDay.get(day) ?? 0 };
  });
}

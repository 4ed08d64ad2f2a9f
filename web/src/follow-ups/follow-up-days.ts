/** Whole days from calendar date `from` to `to` (both YYYY-MM-DD); time zones play no part. */
export function daysBetween(from: string, to: string): number {
  const utc = (date: string) => {
    const [year, month, day] = date.split('-').map(Number);
    return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** "due today", "1 day overdue", "12 days overdue". */
export function overdueText(followUpOn: string, today: string): string {
  const days = daysBetween(followUpOn, today);
  if (days <= 0) return 'due today';
  return `${days} ${days === 1 ? 'day' : 'days'} overdue`;
}

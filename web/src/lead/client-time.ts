/**
 * A moment as the client's people read it: on their own clock, the zone named. (dateStyle and
 * timeStyle cannot be combined with timeZoneName, so the parts are asked for one by one.)
 * `seconds` tells two moments of the same minute apart.
 */
export function clientTime(iso: string, timeZone: string, seconds = false): string {
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' as const } : {}),
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** Whether two moments read the same to the minute on the client's clock (so need seconds). */
export function sameClientMinute(a: string, b: string, timeZone: string): boolean {
  return clientTime(a, timeZone) === clientTime(b, timeZone);
}

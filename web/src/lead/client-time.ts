/**
 * A moment as the client's people read it: on their own clock, the zone named. (dateStyle and
 * timeStyle cannot be combined with timeZoneName, so the parts are asked for one by one.)
 */
export function clientTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/**
 * The run-ID spellings of the legacy run-record table, parsed once, here, into the legacy run
 * and its client. The Client ID column is the authority on the client: a run ID only has to
 * agree with it, and a hyphenated client ID is never cut out of a run ID by guessing where it
 * starts or ends.
 */

/** Which legacy writer spelled the ID, kept with the imported record. */
export type LegacySpelling = 'scheduled' | 'timestamp' | 'fallback' | 'apify';

/** A legacy ID that names one of the legacy system's own runs. */
export interface LegacyRunRef {
  kind: 'run';
  /** The legacy run, without any client part: `SR-250924-001-T3304`, `250924-152230`, … */
  run: string;
  /** The processing stream of a scheduled run (`-S1` → "1"), when the ID states one. */
  stream: string | null;
  spelling: LegacySpelling;
}

/** A legacy ID made of an Apify run ID: that run belongs to one of the client's records. */
export interface LegacyApifyRef {
  kind: 'apify';
  apifyRunId: string;
  spelling: 'apify';
}

export type LegacyIdParse =
  | { ok: true; ref: LegacyRunRef | LegacyApifyRef }
  | { ok: false; code: 'no_run_id' | 'client_conflict' | 'unknown_spelling'; reason: string };

// SR-YYMMDD-NNN[-T<digits>][-S<stream number>][-C<client>…], in either case
const scheduledPattern = /^(SR-(\d{6})-\d{3}(?:-T\d+)?)(?:-S(\d+))?(?:-C(.+))?$/i;
// YYMMDD-HHMMSS[-<client>…]
const timestampPattern = /^((\d{6})-(\d{6}))(?:-(.+))?$/;
// client-fallback-<client>-<epoch ms>
const fallbackPattern = /^client-fallback-(.+)-\d{10,16}$/;
// <17-character Apify run id>-<client>
const apifyPattern = /^([A-Za-z0-9]{17})-(.+)$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether `part` is the client `clientId` written one or more times, each repetition after
 * `-<marker>`; with a marker, the first mention may carry extra markers too (`CCola`). Case is
 * not significant: the legacy writers disagreed on it.
 */
export function namesOnlyClient(part: string, clientId: string, marker: string): boolean {
  const client = escapeRegExp(clientId);
  const prefix = marker === '' ? '' : `${escapeRegExp(marker)}*`;
  const separator = marker === '' ? '-' : `-${escapeRegExp(marker)}+`;
  return new RegExp(`^${prefix}${client}(?:${separator}${client})*$`, 'i').test(part);
}

/** The client a disagreeing client part names, for the message: a repeated mention once. */
function namedClient(part: string, marker: string): string {
  const separator = marker === '' ? '-' : `-${escapeRegExp(marker)}+`;
  const repeated = new RegExp(`^(.+?)(?:${separator}\\1)+$`).exec(part);
  return repeated?.[1] ?? part;
}

function isCalendarDate(yymmdd: string): boolean {
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isClockTime(hhmmss: string): boolean {
  const [hours, minutes, seconds] = [0, 2, 4].map((at) => Number(hhmmss.slice(at, at + 2)));
  return hours! < 24 && minutes! < 60 && seconds! < 60;
}

function conflict(named: string, clientId: string): LegacyIdParse {
  return {
    ok: false,
    code: 'client_conflict',
    reason: `run ID names client ${named} but the Client ID column says ${clientId}`,
  };
}

/** Checks an optional client part against the column; a missing part agrees. */
function clientAgrees(part: string | undefined, clientId: string, marker: string) {
  if (part === undefined || namesOnlyClient(part, clientId, marker)) return undefined;
  return conflict(namedClient(part, marker), clientId);
}

function parseScheduled(id: string, clientId: string): LegacyIdParse | undefined {
  const match = scheduledPattern.exec(id);
  if (!match || !isCalendarDate(match[2]!)) return undefined;
  const disagreement = clientAgrees(match[4], clientId, 'C');
  if (disagreement) return disagreement;
  const ref: LegacyRunRef = {
    kind: 'run',
    // One run however its writer cased the markers: `sr-…-t3304` is `SR-…-T3304`.
    run: match[1]!.toUpperCase(),
    stream: match[3] ?? null,
    spelling: 'scheduled',
  };
  return { ok: true, ref };
}

function parseTimestamp(id: string, clientId: string): LegacyIdParse | undefined {
  const match = timestampPattern.exec(id);
  if (!match || !isCalendarDate(match[2]!) || !isClockTime(match[3]!)) return undefined;
  const disagreement = clientAgrees(match[4], clientId, '');
  if (disagreement) return disagreement;
  return { ok: true, ref: { kind: 'run', run: match[1]!, stream: null, spelling: 'timestamp' } };
}

function parseFallback(id: string, clientId: string): LegacyIdParse | undefined {
  const match = fallbackPattern.exec(id);
  if (!match) return undefined;
  const disagreement = clientAgrees(match[1], clientId, '');
  if (disagreement) return disagreement;
  // A fallback ID was minted when the legacy writer could not parse a real one: it is a run of
  // its own, under the whole ID, and never guessed into another run.
  return { ok: true, ref: { kind: 'run', run: id, stream: null, spelling: 'fallback' } };
}

function parseApify(id: string, clientId: string): LegacyIdParse | undefined {
  const match = apifyPattern.exec(id);
  if (!match) return undefined;
  const disagreement = clientAgrees(match[2], clientId, '');
  if (disagreement) return disagreement;
  return { ok: true, ref: { kind: 'apify', apifyRunId: match[1]!, spelling: 'apify' } };
}

const parsers = [parseFallback, parseScheduled, parseTimestamp, parseApify];

/**
 * Parses one legacy run ID against its row's Client ID. Surrounding spaces are not part of an
 * ID; anything that matches no known spelling is refused, never turned into a new run ID.
 */
export function parseLegacyRunId(rawId: string, clientId: string): LegacyIdParse {
  const id = rawId.trim();
  if (id === '') return { ok: false, code: 'no_run_id', reason: 'no run ID' };
  for (const parse of parsers) {
    const parsed = parse(id, clientId.trim());
    if (parsed) return parsed;
  }
  return {
    ok: false,
    code: 'unknown_spelling',
    reason: `run ID "${id}" matches none of the legacy spellings (SR-YYMMDD-NNN…, YYMMDD-HHMMSS…, client-fallback-…, <Apify run id>-<client>)`,
  };
}

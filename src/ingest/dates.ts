import { isCalendarDate } from '../leads/calendar-date.ts';

/**
 * Calendar dates as exports write them, read into ISO dates (YYYY-MM-DD). Slash dates are the
 * one ambiguous spelling: whether 03/04/2025 is 3 April or 4 March is decided for a whole file
 * (DateOrderEvidence), never cell by cell.
 */

export type DateOrder = 'DMY' | 'MDY';

export type DateReading =
  | { ok: true; date: string }
  | { ok: false; reason: string }
  /** The cell is empty: nothing stated, which is not an error. */
  | { ok: 'empty' };

const monthNames = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const yearFirstPattern = /^(\d{4})[./](\d{1,2})[./](\d{1,2})$/;
const dayMonthNamePattern = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/;
const monthNameDayPattern = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;
const dottedDayFirstPattern = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
/** A slash date, with an optional time after it ("9/22/2025 3:14pm"). */
const slashPattern = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:[ T,]+\d{1,2}:\d{2}.*)?$/;

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function isoDate(year: number, month: number, day: number): DateReading {
  const date = `${year}-${twoDigits(month)}-${twoDigits(day)}`;
  if (!isCalendarDate(date)) {
    return { ok: false, reason: `${year}-${month}-${day} is not a calendar date` };
  }
  return { ok: true, date };
}

function monthNumber(name: string): number {
  return monthNames.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function fullYear(text: string): number {
  const year = Number(text);
  // Two-digit years only appear in spreadsheet re-saves of recent data.
  return text.length === 2 ? 2000 + year : year;
}

function readSlashDate(match: RegExpExecArray, order: DateOrder | null): DateReading {
  const first = Number(match[1]);
  const second = Number(match[2]);
  const year = fullYear(match[3]!);
  if (first > 12) return isoDate(year, second, first);
  if (second > 12) return isoDate(year, first, second);
  if (order === null) return { ok: false, reason: `"${match[0]}" could be D/M or M/D` };
  return order === 'DMY' ? isoDate(year, second, first) : isoDate(year, first, second);
}

/** Reads one cell as a calendar date; slash dates use `order`, decided for the whole file. */
export function readCalendarDate(cell: string, order: DateOrder | null): DateReading {
  const text = cell.trim();
  if (text === '') return { ok: 'empty' };

  let match = isoPattern.exec(text) ?? yearFirstPattern.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));

  match = dayMonthNamePattern.exec(text);
  if (match && monthNumber(match[2]!) > 0) {
    return isoDate(Number(match[3]), monthNumber(match[2]!), Number(match[1]));
  }
  match = monthNameDayPattern.exec(text);
  if (match && monthNumber(match[1]!) > 0) {
    return isoDate(Number(match[3]), monthNumber(match[1]!), Number(match[2]));
  }
  // Day-first with dots is the German and Nordic spelling; no locale writes month-first so.
  match = dottedDayFirstPattern.exec(text);
  if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));

  match = slashPattern.exec(text);
  if (match) return readSlashDate(match, order);
  return { ok: false, reason: `"${text}" is not a date this importer knows` };
}

/** What the slash dates of one file say about their order. */
export class DateOrderEvidence {
  private seen = 0;
  private dayFirst: string | null = null;
  private monthFirst: string | null = null;

  observe(cell: string): void {
    const match = slashPattern.exec(cell.trim());
    if (!match) return;
    this.seen += 1;
    if (Number(match[1]) > 12) this.dayFirst ??= match[0];
    if (Number(match[2]) > 12) this.monthFirst ??= match[0];
  }

  /**
   * The order to read the file's slash dates in: the one its dates prove (BR-06: a first part
   * over 12 proves day-first), else `fallback`, with a note saying why when that is a guess.
   */
  decide(fallback: DateOrder): { order: DateOrder; note: string | null } {
    if (this.dayFirst && !this.monthFirst) return { order: 'DMY', note: null };
    if (this.monthFirst && !this.dayFirst) return { order: 'MDY', note: null };
    if (this.dayFirst && this.monthFirst) {
      const note = `slash dates disagree (${this.dayFirst} is day-first, ${this.monthFirst} is month-first): ambiguous ones were read as ${fallback}`;
      return { order: fallback, note };
    }
    if (this.seen === 0) return { order: fallback, note: null };
    const note = `no slash date proves its order: ${this.seen} were read as ${fallback}`;
    return { order: fallback, note };
  }
}

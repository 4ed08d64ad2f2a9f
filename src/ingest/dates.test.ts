import { describe, expect, it } from 'vitest';
import { DateOrderEvidence, readCalendarDate } from './dates.ts';

describe('calendar dates', () => {
  it('reads the spellings exports use', () => {
    const read = (text: string) => readCalendarDate(text, 'MDY');
    expect(read('24 Sep 2025')).toEqual({ ok: true, date: '2025-09-24' });
    expect(read('03 Jan 2024')).toEqual({ ok: true, date: '2024-01-03' });
    expect(read('Sep 24, 2025')).toEqual({ ok: true, date: '2025-09-24' });
    expect(read('2025-09-22T13:14:07.000Z')).toEqual({ ok: true, date: '2025-09-22' });
    expect(read('2025.09.22')).toEqual({ ok: true, date: '2025-09-22' });
    expect(read('24.09.2025')).toEqual({ ok: true, date: '2025-09-24' });
    expect(read('9/22/2025 3:14pm')).toEqual({ ok: true, date: '2025-09-22' });
    expect(read('  ')).toEqual({ ok: 'empty' });
  });

  it('reads an ambiguous slash date in the order given, and refuses impossible dates', () => {
    expect(readCalendarDate('03/04/2025', 'DMY')).toEqual({ ok: true, date: '2025-04-03' });
    expect(readCalendarDate('03/04/2025', 'MDY')).toEqual({ ok: true, date: '2025-03-04' });
    expect(readCalendarDate('03/04/2025', null)).toEqual({
      ok: false,
      reason: '"03/04/2025" could be D/M or M/D',
    });
    expect(readCalendarDate('31 Feb 2025', 'DMY')).toEqual({
      ok: false,
      reason: '2025-2-31 is not a calendar date',
    });
    expect(readCalendarDate('next Tuesday', 'DMY')).toEqual({
      ok: false,
      reason: '"next Tuesday" is not a date this importer knows',
    });
  });
});

describe('the date order of a file', () => {
  const decide = (cells: string[]) => {
    const evidence = new DateOrderEvidence();
    for (const cell of cells) evidence.observe(cell);
    return evidence.decide('MDY');
  };

  it('is proven by one date whose first or second part is over 12', () => {
    expect(decide(['03/04/2025', '24/09/2025'])).toEqual({ order: 'DMY', note: null });
    expect(decide(['03/04/2025', '9/22/2025 3:14pm'])).toEqual({ order: 'MDY', note: null });
    expect(decide(['24 Sep 2025'])).toEqual({ order: 'MDY', note: null });
  });

  it('falls back, saying so, when nothing or everything proves it', () => {
    expect(decide(['03/04/2025', '01/02/2024'])).toEqual({
      order: 'MDY',
      note: 'no slash date proves its order: 2 were read as MDY',
    });
    expect(decide(['24/09/2025', '09/24/2025'])).toEqual({
      order: 'MDY',
      note: 'slash dates disagree (24/09/2025 is day-first, 09/24/2025 is month-first): ambiguous ones were read as MDY',
    });
  });
});

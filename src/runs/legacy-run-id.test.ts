import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLegacyRunId } from './legacy-run-id.ts';

const ok = (run: string, stream: string | null, spelling: string) => ({
  ok: true,
  ref: { kind: 'run', run, stream, spelling },
});

describe('parseLegacyRunId', () => {
  it.each([
    ['SR-250922-002-S1-CDana-Whitfield', 'SR-250922-002', '1'],
    ['SR-250922-002-S1-CDana-Whitfield-CDana-Whitfield', 'SR-250922-002', '1'],
    ['SR-250924-001-T3304-S1-CCDana-Whitfield', 'SR-250924-001-T3304', '1'],
    ['SR-250924-001-T3304-CDana-Whitfield', 'SR-250924-001-T3304', null],
    ['SR-250924-001-T3304-S12', 'SR-250924-001-T3304', '12'],
    ['SR-250924-001', 'SR-250924-001', null],
    ['  SR-250924-001-cdana-whitfield ', 'SR-250924-001', null],
    ['sr-250924-001-t3304-s1-cDana-Whitfield', 'SR-250924-001-T3304', '1'],
  ])('reads the scheduled spelling %s', (id, run, stream) => {
    expect(parseLegacyRunId(id, 'Dana-Whitfield')).toEqual(ok(run, stream, 'scheduled'));
  });

  it.each([
    '250924-152230-Priya-Raman-Kaur',
    '250924-152230',
    '250924-152230-Priya-Raman-Kaur-Priya-Raman-Kaur',
  ])('reads the timestamp spelling %s', (id) => {
    expect(parseLegacyRunId(id, 'Priya-Raman-Kaur')).toEqual(
      ok('250924-152230', null, 'timestamp'),
    );
  });

  it('keeps a fallback ID whole, as a run of its own', () => {
    expect(parseLegacyRunId('client-fallback-Ola-Nordmann-1758713400123', 'Ola-Nordmann')).toEqual(
      ok('client-fallback-Ola-Nordmann-1758713400123', null, 'fallback'),
    );
  });

  it('reads an Apify run ID as what it is, never as a run of ours', () => {
    expect(parseLegacyRunId('OYkC0ZbuWPOvwkLid-Dana-Whitfield', 'Dana-Whitfield')).toEqual({
      ok: true,
      ref: { kind: 'apify', apifyRunId: 'OYkC0ZbuWPOvwkLid', spelling: 'apify' },
    });
  });

  it.each([
    ['SR-250924-001-T3304-S1-CDana-Whitfield', 'Ola-Nordmann', 'Dana-Whitfield'],
    ['SR-250924-001-CDana-Whitfield-CDana-Whitfield', 'Dana', 'Dana-Whitfield'],
    ['250924-152230-Priya-Raman', 'Priya-Raman-Kaur', 'Priya-Raman'],
    ['client-fallback-Ola-1758713400123', 'Ola-Nordmann', 'Ola'],
    ['OYkC0ZbuWPOvwkLid-Dana-Whitfield', 'Dana', 'Dana-Whitfield'],
  ])('finds that %s names another client than %s', (id, column, named) => {
    expect(parseLegacyRunId(id, column)).toEqual({
      ok: false,
      code: 'client_conflict',
      reason: `run ID names client ${named} but the Client ID column says ${column}`,
    });
  });

  it.each([
    ['', 'no_run_id'],
    ['   ', 'no_run_id'],
    ['SR-251332-001-CDana', 'unknown_spelling'],
    ['250924-256000-Dana', 'unknown_spelling'],
    ['run_0123456789abcdef', 'unknown_spelling'],
    ['SR-2509-001-CDana', 'unknown_spelling'],
  ])('refuses %j', (id, code) => {
    expect(parseLegacyRunId(id, 'Dana')).toMatchObject({ ok: false, code });
  });
});

// Client IDs as the legacy table wrote them: capitalised words joined by hyphens, any of which
// may start with C, hold digits or look like a run part.
const word = fc.stringMatching(/^[A-Z][a-z0-9]{0,6}$/);
const clientId = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join('-'));
const yymmdd = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z') })
  .filter((date) => !Number.isNaN(date.getTime()))
  .map((date) => date.toISOString().slice(2, 10).replaceAll('-', ''));
const scheduledRun = fc
  .tuple(yymmdd, fc.integer({ min: 0, max: 999 }), fc.option(fc.integer({ min: 1, max: 99999 })))
  .map(([day, n, t]) => `SR-${day}-${String(n).padStart(3, '0')}${t === null ? '' : `-T${t}`}`);
const stream = fc.option(fc.stringMatching(/^[0-9]{1,2}$/));
const mentions = fc.integer({ min: 1, max: 3 });
const extraCs = fc.integer({ min: 0, max: 2 });

describe('parseLegacyRunId, for any client ID', () => {
  it('gives back the scheduled run, stream and no other client, however the client is repeated', () => {
    fc.assert(
      fc.property(scheduledRun, stream, clientId, mentions, extraCs, (run, s, client, n, cs) => {
        const first = `-C${'C'.repeat(cs)}${client}`;
        const id = `${run}${s === null ? '' : `-S${s}`}${first}${`-C${client}`.repeat(n - 1)}`;
        expect(parseLegacyRunId(id, client)).toEqual(ok(run, s, 'scheduled'));
      }),
    );
  });

  it('gives back the timestamp run of any client, with or without the client part', () => {
    fc.assert(
      fc.property(yymmdd, clientId, fc.integer({ min: 0, max: 2 }), (day, client, n) => {
        const run = `${day}-${'121314'}`;
        const id = `${run}${`-${client}`.repeat(n)}`;
        expect(parseLegacyRunId(id, client)).toEqual(ok(run, null, 'timestamp'));
      }),
    );
  });

  it('never cuts a hyphenated client ID: another client in the ID is a conflict', () => {
    fc.assert(
      fc.property(scheduledRun, clientId, clientId, (run, named, column) => {
        // Doubled C prefixes make "Cola" and "Ola" the same client: that is not a conflict.
        fc.pre(named.toLowerCase().replace(/^c+/, '') !== column.toLowerCase().replace(/^c+/, ''));
        fc.pre(!named.toLowerCase().startsWith(`${column.toLowerCase()}-c`));
        const parsed = parseLegacyRunId(`${run}-S1-C${named}`, column);
        expect(parsed).toMatchObject({ ok: false, code: 'client_conflict' });
      }),
    );
  });

  it('keeps a fallback ID whole whatever digits or hyphens its client holds', () => {
    fc.assert(
      fc.property(clientId, fc.integer({ min: 1e12, max: 9e12 }), (client, ms) => {
        const id = `client-fallback-${client}-${ms}`;
        expect(parseLegacyRunId(id, client)).toEqual(ok(id, null, 'fallback'));
      }),
    );
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSchedules, parseSchedules, schedulesPath } from './schedule-config.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('schedules configuration', () => {
  it('reads schedules with their defaults', () => {
    const schedules = parseSchedules(
      {
        schedules: [
          {
            name: 'eu-nightly',
            cron: '0 2 * * *',
            timeZone: 'Europe/Berlin',
            operations: ['score-leads'],
            stream: 'eu',
          },
          {
            name: 'posts',
            cron: '0 6 * * 1-5',
            operations: ['harvest-posts', 'score-posts'],
            clients: ['acme'],
          },
        ],
      },
      'schedules.json',
    );

    expect(schedules).toEqual([
      {
        name: 'eu-nightly',
        cron: '0 2 * * *',
        timeZone: 'Europe/Berlin',
        operations: ['score-leads'],
        stream: 'eu',
      },
      {
        name: 'posts',
        cron: '0 6 * * 1-5',
        timeZone: 'UTC',
        operations: ['harvest-posts', 'score-posts'],
        clientIds: ['acme'],
      },
    ]);
  });

  it('names every bad entry and field', () => {
    const bad = {
      schedules: [
        { name: 'ok', cron: '0 2 * * *', operations: ['score-leads'] },
        { name: 'late', cron: '61 2 * * *', operations: ['score-leads'] },
        { name: 'mars', cron: '0 2 * * *', timeZone: 'Mars/Olympus', operations: [] },
        {
          name: 'both',
          cron: '0 2 * * *',
          operations: ['score-leads'],
          clients: ['a'],
          stream: 'eu',
        },
        { name: 'ok', cron: '0 3 * * *', operations: ['rescore'] },
      ],
    };

    let error: unknown;
    try {
      parseSchedules(bad, '/etc/leadbase/schedules.json');
    } catch (caught) {
      error = caught;
    }

    expect(error).toMatchObject({ code: 'validation_failed' });
    expect((error as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual([
      'schedules[1] (late).cron',
      'schedules[2] (mars).operations',
      'schedules[2] (mars).timeZone',
      'schedules[3] (both).stream',
      'schedules[4] (ok).operations.0',
    ]);
    expect((error as Error).message).toMatch(
      /^invalid schedules in \/etc\/leadbase\/schedules\.json: schedules\[1\] \(late\)\.cron: .*minute/,
    );
  });

  it('refuses a name used twice, and a file that is no JSON', () => {
    dir = mkdtempSync(join(tmpdir(), 'leadbase-schedules-'));
    const path = join(dir, 'schedules.json');
    const entry = { name: 'nightly', cron: '0 2 * * *', operations: ['score-leads'] };
    writeFileSync(path, JSON.stringify({ schedules: [entry, entry] }));
    expect(() => loadSchedules(path)).toThrow(
      `invalid schedules in ${path}: schedules[1] (nightly).name: is used twice`,
    );

    writeFileSync(path, '{ "schedules": [');
    expect(() => loadSchedules(path)).toThrow(`cannot read schedules from ${path}: `);
  });

  it('is LEADBASE_SCHEDULES, else schedules.json in the data folder when there is one', () => {
    dir = mkdtempSync(join(tmpdir(), 'leadbase-schedules-'));
    expect(schedulesPath({}, dir)).toBeUndefined();
    writeFileSync(join(dir, 'schedules.json'), '{"schedules": []}');
    expect(schedulesPath({}, dir)).toBe(join(dir, 'schedules.json'));
    expect(schedulesPath({ LEADBASE_SCHEDULES: '/srv/s.json' }, dir)).toBe('/srv/s.json');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';
import { isTerminalControl } from './context.ts';

// One demo world for the whole file: two clients with imported, scored leads.
let world: CliWorld;
beforeAll(async () => {
  world = createCliWorld();
  expect((await world.run('demo')).code).toBe(0);
});
afterAll(() => world?.close());

function names(stdout: string): string[] {
  const rows = stdout.split('\n').slice(1);
  return rows
    .filter((row) => /^\s*[\d–]/.test(row))
    .map((row) => row.trim().split(/ {2,}/)[2] ?? '');
}

describe('leadbase leads list', () => {
  it('lists the best leads first in a table, with the count and the next page', async () => {
    const { code, stdout } = await world.run(
      'leads',
      'list',
      '--client',
      'haulwise',
      '--limit',
      '3',
    );

    const lines = stdout.split('\n');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(
      /^ SCORE {2}SCORING {2}NAME +ROLE +COMPANY +CONNECTION +FOLLOW-UP +ID$/,
    );
    // Four leads share the top score of 100; ties go by name.
    expect(names(stdout).slice(0, 3)).toEqual([
      'Anouk Peeters',
      'Friederike Lang',
      'Jeroen van Dijk',
    ]);
    expect(lines.slice(1, 4).every((line) => line.startsWith('100.00  scored'))).toBe(true);
    expect(lines[5]).toBe('3 of 86 matching leads');
    expect(lines[6]).toMatch(/^next page: --cursor \S+$/);
  });

  it('filters by score, scoring status, connection, due follow-ups and text', async () => {
    const json = async (...args: string[]) => {
      const result = await world.run('leads', 'list', '--json', '--limit', '100', ...args);
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as { leads: { fullName: string }[]; total: number };
    };

    expect((await json('--client', 'haulwise', '--min-score', '90')).total).toBe(12);
    expect((await json('--client', 'haulwise', '--score-status', 'disqualified')).total).toBe(11);
    expect((await json('--client', 'haulwise', '--connection', 'not_connected')).total).toBe(26);
    // --due alone lists the longest overdue first, as --sort follow-up does.
    const due = await json('--client', 'ledgerline', '--due');
    const dueByScore = await json('--client', 'ledgerline', '--due', '--sort', 'score');
    expect(dueByScore.leads.map((lead) => lead.fullName)).not.toEqual(
      due.leads.map((lead) => lead.fullName),
    );
    expect(due.leads.map((lead) => lead.fullName)).toEqual([
      'Kwame Mensah',
      'Mateo Fernández',
      'Ivan Petrov',
      'Jonas Lindahl',
      'Amara Nwosu',
      'Sophia Rossi',
    ]);
    const search = await json(
      '--client',
      'haulwise',
      '--search',
      'SPEDITION procurement',
      '--sort',
      'name',
    );
    expect(search.leads.map((lead) => lead.fullName)).toEqual(['Katrin Vollmer', 'Leon Schmidt']);
    expect((await json('--client', 'haulwise', '--invited')).total).toBe(0);
    expect((await json('--client', 'haulwise', '--no-invited')).total).toBe(86);
    const accents = await json('--client', 'haulwise', '--search', 'zoe muller');
    expect(accents.leads.map((lead) => lead.fullName)).toEqual(['Zoë Müller']);
  });

  it('says which option is wrong, in one line', async () => {
    const result = await world.run('leads', 'list', '--client', 'haulwise', '--min-score', '120');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: invalid lead options: --min-score Too big: expected number to be <=100\n',
    });
  });
  it('refuses --invited with --no-invited, in either order, instead of letting the last win', async () => {
    const list = (...flags: string[]) =>
      world.run('leads', 'list', '--client', 'haulwise', ...flags);

    expect(await list('--invited', '--no-invited')).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: option '--no-invited' cannot be used with option '--invited'\n",
    });
    expect(await list('--no-invited', '--json', '--invited')).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: option '--invited' cannot be used with option '--no-invited'\n",
    });
    expect(
      (await world.run('leads', 'export', '--client', 'haulwise', '--invited', '--no-invited'))
        .code,
    ).toBe(1);
    const repeated = await list('--no-invited', '--no-invited', '--json', '--limit', '1');
    expect([repeated.code, JSON.parse(repeated.stdout).total]).toEqual([0, 86]);
  });
});

describe('control characters from imported files', () => {
  it('never reach the terminal raw: each shows as ?', async () => {
    const path = join(world.dataDir, 'escapes.csv');
    const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
    const row =
      'Eve,\u001b[2JMallory\u0007,https://www.linkedin.com/in/eve-mallory-0e0e0e,,Ink Co,Buyer,01 Jan 2024';
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, `${header}\n${row}\n`, 'utf8');
    expect((await world.run('clients', 'add', 'Escapes')).code).toBe(0);
    expect((await world.run('import', path, '--client', 'escapes')).code).toBe(0);

    const { code, stdout } = await world.run('leads', 'list', '--client', 'escapes');

    expect(code).toBe(0);
    expect(stdout).toContain('Eve ?[2JMallory?');
    expect([...stdout].filter((c) => isTerminalControl(c.codePointAt(0) ?? 0))).toEqual([]);
  });
});

describe('leadbase leads show', () => {
  it('shows the profile, identities and the score with its reasons, by URL', async () => {
    const { code, stdout } = await world.run(
      'leads',
      'show',
      'https://de.linkedin.com/in/Katrin-Vollmer-056E11/details/experience/',
      '--client',
      'haulwise',
    );

    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Katrin Vollmer');
    expect(stdout).toContain(
      'identities:   in:katrin-vollmer-056e11, mid:ACwAAtmr-S-mL6Fp5epUAKCLo9ASVP4Q1uBlUgd',
    );
    expect(stdout).toContain('profile:      https://www.linkedin.com/in/katrin-vollmer-056e11\n');
    expect(stdout).toMatch(/\nscore 100, rubric v1, offline scorer, /);
    expect(stdout).toContain(
      '  C Based in the sales territory: 10/10 — "Hamburg" in location (10)',
    );
  });

  it('names the lead it cannot find', async () => {
    const result = await world.run('leads', 'show', 'in:nobody-here', '--client', 'haulwise');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: no lead "in:nobody-here" in client haulwise\n',
    });
  });
});

describe('leadbase leads export', () => {
  it('exports CSV with formula-like cells neutralised', async () => {
    const out = join(world.dataDir, 'exports', 'haulwise.csv');

    const result = await world.run('leads', 'export', '--client', 'haulwise', '--out', out);

    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(result).toEqual({
      code: 0,
      stdout: `exported 86 leads of client haulwise as csv to ${out}\n`,
      stderr: '',
    });
    expect(lines).toHaveLength(88);
    expect(lines.find((line) => line.includes('Ian Fowler'))).toContain(",'=Sum Partners,");
  });

  it('exports the filtered leads as JSON on stdout', async () => {
    const result = await world.run(
      'leads',
      'export',
      '--client',
      'ledgerline',
      '--format',
      'json',
      '--min-score',
      '95',
      '--sort',
      'name',
    );

    const leads = JSON.parse(result.stdout) as { fullName: string; score: number }[];
    expect(result.stderr).toBe('exported 4 leads of client ledgerline as json\n');
    expect(leads.map((lead) => [lead.fullName, lead.score])).toEqual([
      ['Amara Nwosu', 100],
      ['Daniel Weiss', 100],
      ['Jonas Lindahl', 100],
      ['Olivier Martin', 96.59],
    ]);
  });
});

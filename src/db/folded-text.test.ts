import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/engine.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from './tenancy.ts';
import { foldText } from './text-fold.ts';

let world: TestWorld;
let store: TenantStore;
let release: () => void;

beforeAll(async () => {
  world = await createTestWorld();
  const { access } = await world.addClient({ id: 'fold' });
  // Held open for the whole file: the store is the thing under test.
  await new Promise<void>((opened) => {
    void world.stores.withTenant(access, (held) => {
      store = held;
      opened();
      return new Promise<void>((done) => {
        release = done;
      });
    });
  });
});
afterAll(async () => {
  release();
  await world.close();
});

/** Each text folded by the engine, in one query. */
async function foldedByEngine(texts: string[]): Promise<(string | null)[]> {
  const rows = texts.map(
    (text, index) => sql`select cast(${index} as integer) as n, cast(${text} as text) as t`,
  );
  const query = sql<{ n: number; f: string | null }>`select n, ${store.dialect.foldedText(
    sql`t`,
  )} as f from (${sql.join(rows, sql` union all `)}) as texts order by n`;
  return (await query.execute(store.db)).rows.map((row) => row.f);
}

describe(`Dialect.foldedText on ${testEngine}`, () => {
  it('folds the examples as foldText does', async () => {
    const texts = [
      'Zoë ÅBERG',
      'İstanbul',
      'e\u0301cole',
      'ﬁne Ａｂｃ',
      'ΟΔΥΣΣΕΥΣ',
      '北京',
      '한국어',
      'Ødegaard STRASSE Straße Weiß ẞ',
      'Łukasz Søren Æble Œuvre Đorđe Þór Ðóra ǿ',
      'MÜLLER-LÜDENSCHEIDT, Ångström; ½ ㎏ ™',
      '',
    ];
    expect(await foldedByEngine(texts)).toEqual(texts.map(foldText));
  });

  it('keeps NULL as NULL', async () => {
    const query = sql<{ f: string | null }>`select ${store.dialect.foldedText(sql`null`)} as f`;
    expect((await query.execute(store.db)).rows[0]!.f).toBeNull();
  });

  it('folds any text in the scripts of names as foldText does', async () => {
    // Blocks whose characters both engines' Unicode tables know (PostgreSQL 15 has Unicode 14,
    // see postgres-fold.ts): Latin with its accents and compatibility forms, Greek, Cyrillic,
    // Hebrew, Arabic, Devanagari, symbols, CJK, kana and Hangul.
    const blocks: [number, number][] = [
      [0x20, 0x36f],
      [0x370, 0x4ff],
      [0x590, 0x6ff],
      [0x900, 0x97f],
      [0x1e00, 0x1fff],
      [0x2000, 0x218f],
      [0x3000, 0x30ff],
      [0x3200, 0x33ff],
      [0x4e00, 0x4fff],
      [0xac00, 0xd7a3],
      [0xfb00, 0xfb4f],
      [0xff00, 0xffef],
    ];
    const character = fc
      .constantFrom(...blocks)
      .chain(([first, last]) => fc.integer({ min: first, max: last }))
      .map((code) => String.fromCodePoint(code));
    const texts = fc.sample(fc.string({ unit: character, maxLength: 12 }), {
      numRuns: 500,
      seed: 4,
    });
    const folded = await foldedByEngine(texts);
    const differing = texts.filter((text, index) => folded[index] !== foldText(text));
    expect(differing).toEqual([]);
  });
});

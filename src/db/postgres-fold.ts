import { type Kysely, sql } from 'kysely';
import { latinLetterFolds } from './text-fold.ts';

/** The name of the fold function, created in the control schema. */
export const foldFunctionName = 'leadbase_fold';

let markClass: string | undefined;

/**
 * A regular-expression class of every combining mark (\p{M}) this Node knows, as ranges of the
 * characters themselves: PostgreSQL's regular expressions have no Unicode properties.
 */
function combiningMarkClass(): string {
  if (markClass !== undefined) return markClass;
  const mark = /\p{M}/u;
  const ranges: string[] = [];
  let start = -1;
  for (let code = 0; code <= 0x110000; code += 1) {
    const isMark = code <= 0x10ffff && mark.test(String.fromCodePoint(code));
    if (isMark && start < 0) start = code;
    if (!isMark && start >= 0) {
      const first = String.fromCodePoint(start);
      ranges.push(start === code - 1 ? first : `${first}-${String.fromCodePoint(code - 1)}`);
      start = -1;
    }
  }
  markClass = `[${ranges.join('')}]`;
  return markClass;
}

/** One-letter folds go through translate(); longer ones through replace(), one each. */
function latinFolds(inner: string): string {
  const single = Object.entries(latinLetterFolds).filter(([, to]) => to.length === 1);
  const longer = Object.entries(latinLetterFolds).filter(([, to]) => to.length > 1);
  const from = `ς${single.map(([letter]) => letter).join('')}`;
  const to = `σ${single.map(([, folded]) => folded).join('')}`;
  let expression = `translate(${inner}, '${from}', '${to}')`;
  for (const [letter, folded] of longer)
    expression = `replace(${expression}, '${letter}', '${folded}')`;
  return expression;
}

/**
 * Creates (or brings up to date) the SQL function that folds text as src/db/text-fold.ts does:
 * compatibility decomposition, marks dropped, lower-cased, final sigma as σ, the letters of
 * latinLetterFolds spelled out. Lower-casing uses ICU's rules, as JavaScript does, where the
 * server has them; the function is immutable, so the planner inlines it into each query.
 * TODO(Unicode versions): a character newer than the server's normalisation tables (PostgreSQL
 * 15: Unicode 14; Node 20: 15) is not decomposed there, so it folds differently from foldText
 * (e.g. the Cyrillic modifier letters U+1E030…) – fold in the application and store the folded
 * text, when search must find such letters.
 */
export async function createFoldFunction(trx: Kysely<unknown>, schema: string): Promise<void> {
  const icu = await sql<{ found: number }>`select 1 as found from pg_collation
    where collname = 'und-x-icu'`.execute(trx);
  const collate = icu.rows.length > 0 ? ' collate "und-x-icu"' : '';
  const stripped = `regexp_replace(normalize(t, NFKD), '${combiningMarkClass()}', '', 'g')`;
  const body = latinFolds(`lower(${stripped}${collate})`);
  const name = sql.id(schema, foldFunctionName);
  await sql`create or replace function ${name}(t text) returns text
    language sql immutable strict parallel safe
    return ${sql.raw(body)}`.execute(trx);
}

import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { parseDirtyJsonRows } from './dirty-json.ts';

const values = (text: string) =>
  parseDirtyJsonRows(text).rows.map((row) => (row.ok ? row.value : { quarantined: row.raw }));

describe('parseDirtyJsonRows', () => {
  it('reads strict JSON as it is, long IDs kept', () => {
    const parsed = parseDirtyJsonRows('[{"a":1,"id":7376158681203922567}]');
    expect(parsed.strict).toBe(true);
    expect(values('[{"a":1,"id":7376158681203922567}]')).toEqual([
      { a: 1, id: '7376158681203922567' },
    ]);
  });

  it('repairs trailing commas, raw line breaks and unescaped quotes', () => {
    const text = '[{"t":"He said "no" to us\n\nand left","n":"1,204",},{"t":"ok","k":true,},]';
    const parsed = parseDirtyJsonRows(text);
    expect(parsed.strict).toBe(false);
    expect(values(text)).toEqual([
      { t: 'He said "no" to us\n\nand left', n: '1,204' },
      { t: 'ok', k: true },
    ]);
  });

  it('keeps a quote followed by a comma inside a sentence', () => {
    expect(values('[{"t":"say "yes", then go","u":"x",}]')).toEqual([
      { t: 'say "yes", then go', u: 'x' },
    ]);
  });

  it('reads escapes, nested values and a lone object', () => {
    expect(values('{"a":"x\\u00e9\\n","b":[1,"two",],"c":{"d":null},}')).toEqual([
      { a: 'xé\n', b: [1, 'two'], c: { d: null } },
    ]);
  });

  it('quarantines only the row it cannot read, with its raw text', () => {
    const text = '[{"a":"1"},{"b": oops},{"c":"3",}]';
    expect(values(text)).toEqual([{ a: '1' }, { quarantined: '{"b": oops}' }, { c: '3' }]);
    const broken = parseDirtyJsonRows(text).rows[1]!;
    expect(broken.ok ? '' : broken.reason).toBe('unexpected "o"');
  });

  it('refuses text that is no array or object of rows as a bad file', () => {
    const attempt = () => parseDirtyJsonRows('not json [');

    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'bad_file',
        message: 'the text is not a JSON array or object of rows',
      }),
    );
  });
});

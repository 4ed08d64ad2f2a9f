import { isUtf8 } from 'node:buffer';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { findLineStart } from './file-lines.ts';
import { lineOfOffset, scanFileUtf8, scanUtf8 } from './text-encoding.ts';

const folder = mkdtempSync(join(tmpdir(), 'leadbase-encoding-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: Buffer | string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

describe('UTF-8 scanning', () => {
  it('agrees with Node on which byte strings are UTF-8', () => {
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 8 }), fc.array(byte), (head, tail) => {
        const bytes = Buffer.concat([Buffer.from(head), Buffer.from(tail)]);
        expect(scanUtf8(bytes).invalidAt === -1).toBe(isUtf8(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves a character cut by the end of a chunk to the next one', () => {
    const euro = Buffer.from('a€', 'utf8');
    expect(scanUtf8(euro.subarray(0, 3), true)).toEqual({
      invalidAt: -1,
      multiByteBefore: false,
      end: 1,
    });
    expect(scanUtf8(euro.subarray(0, 3)).invalidAt).toBe(1);
    expect(lineOfOffset(Buffer.from('a\nb\nc'), 4)).toBe(3);
  });

  it('finds the first line that is not UTF-8, across chunk borders', async () => {
    const utf8 = `${'ü'.repeat(600_000)}\n`;
    expect(await scanFileUtf8(file('fine.csv', utf8.repeat(3)))).toEqual({
      invalidLine: null,
      multiByteBefore: true,
    });
    const latin1 = Buffer.concat([Buffer.from('a\nb\n'), Buffer.from('Müller\n', 'latin1')]);
    expect(await scanFileUtf8(file('latin1.csv', latin1))).toEqual({
      invalidLine: 3,
      multiByteBefore: false,
    });
    const cutAtEnd = Buffer.concat([Buffer.from(utf8), Buffer.from([0xe2, 0x82])]);
    expect(await scanFileUtf8(file('cut.csv', cutAtEnd))).toEqual({
      invalidLine: 2,
      multiByteBefore: true,
    });
  });
});

describe('line starts', () => {
  it('counts CRLF, LF and a lone CR as one line end each', async () => {
    const path = file('lines.csv', 'h\r\none\ntwo\rthree\r\n\r\nsix');
    const start = { offset: 0, line: 1 };
    const offsets = await Promise.all(
      [2, 3, 4, 5, 6, 7].map((line) => findLineStart(path, start, line)),
    );

    expect(offsets).toEqual([
      { offset: 3, line: 2 },
      { offset: 7, line: 3 },
      { offset: 11, line: 4 },
      { offset: 18, line: 5 },
      { offset: 20, line: 6 },
      null,
    ]);
    expect(await findLineStart(path, { offset: 7, line: 3 }, 4)).toEqual({ offset: 11, line: 4 });
  });
});

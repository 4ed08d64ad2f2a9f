import { createReadStream } from 'node:fs';

/** A physical line of a file and the byte offset where it starts. */
export interface LineStart {
  offset: number;
  /** 1-based. */
  line: number;
}

/**
 * Where line `target` starts, scanning forward from a known line start. A line ends at CRLF,
 * LF or a lone CR, as the CSV reader counts them. Null when the file ends before that line has
 * a byte.
 */
export async function findLineStart(
  path: string,
  from: LineStart,
  target: number,
): Promise<LineStart | null> {
  let line = from.line;
  let position = from.offset;
  let afterCr = false;
  for await (const read of createReadStream(path, { start: from.offset })) {
    const chunk = read as Buffer;
    for (let index = 0; index < chunk.length; index += 1, position += 1) {
      const byte = chunk[index];
      if (afterCr && byte === 0x0a) {
        afterCr = false;
        continue;
      }
      afterCr = byte === 0x0d;
      if (line >= target) return { offset: position, line };
      if (byte === 0x0a || byte === 0x0d) line += 1;
    }
  }
  return null;
}

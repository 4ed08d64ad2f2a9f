import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

/**
 * Whether bytes are UTF-8, and where they stop being so. Excel saves "CSV" in the Windows code
 * page (Windows-1252 in western Europe); read as UTF-8, each accented letter of such a file
 * becomes U+FFFD and would overwrite a good stored name.
 */

/**
 * Length of the UTF-8 sequence that starts at `index`: 0 when it is invalid, -1 when the bytes
 * end before it does.
 */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index]!;
  if (lead < 0x80) return 1;
  const size =
    lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead <= 0xf4 ? 4 : 0;
  if (size === 0 || lead < 0xc2) return 0;
  for (let offset = 1; offset < size; offset += 1) {
    if (index + offset >= bytes.length) return -1;
    const byte = bytes[index + offset]!;
    // After the lead, ranges exclude overlong forms, surrogates and code points past U+10FFFF.
    const low = offset > 1 ? 0x80 : lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = offset > 1 ? 0xbf : lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (byte < low || byte > high) return 0;
  }
  return size;
}

export interface Utf8Scan {
  /** Offset of the first byte that is not UTF-8, or -1 when every byte is. */
  invalidAt: number;
  /** Whether a multi-byte UTF-8 character comes before that byte. */
  multiByteBefore: boolean;
  /** Where the scan stopped: a sequence cut by the end of `bytes` is left for the next chunk. */
  end: number;
}

/**
 * Scans `bytes` for the first byte that is not UTF-8. With `partial`, a sequence cut short by
 * the end of the chunk is not an error: `end` says where the next chunk should resume.
 */
export function scanUtf8(bytes: Uint8Array, partial = false): Utf8Scan {
  let multiByteBefore = false;
  let index = 0;
  while (index < bytes.length) {
    if (bytes[index]! < 0x80) {
      index += 1;
      continue;
    }
    const size = sequenceLength(bytes, index);
    if (size <= 0) {
      const cut = size < 0 && partial;
      return { invalidAt: cut ? -1 : index, multiByteBefore, end: index };
    }
    multiByteBefore = true;
    index += size;
  }
  return { invalidAt: -1, multiByteBefore, end: index };
}

/** The 1-based line of `offset` in `bytes`: one more than the line feeds before it. */
export function lineOfOffset(bytes: Uint8Array, offset: number, firstLine = 1): number {
  let line = firstLine;
  let at = -1;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (;;) {
    at = view.indexOf(0x0a, at + 1);
    if (at < 0 || at >= offset) return line;
    line += 1;
  }
}

export interface FileUtf8Scan {
  /** The 1-based line of the first byte that is not UTF-8, or null when the file is UTF-8. */
  invalidLine: number | null;
  /** Whether a multi-byte UTF-8 character comes before that byte: then the file is UTF-8. */
  multiByteBefore: boolean;
}

/** Scans a whole file, chunk by chunk (memory stays flat), for its first byte that is not UTF-8. */
export async function scanFileUtf8(path: string): Promise<FileUtf8Scan> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let multiByteBefore = false;
  for await (const read of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const chunk = carry.length === 0 ? (read as Buffer) : Buffer.concat([carry, read as Buffer]);
    // Native checks first: most chunks are ASCII, or whole UTF-8.
    if (isAscii(chunk) || isUtf8(chunk)) {
      multiByteBefore ||= !isAscii(chunk);
      carry = Buffer.alloc(0);
    } else {
      const scan = scanUtf8(chunk, true);
      multiByteBefore ||= scan.multiByteBefore;
      if (scan.invalidAt >= 0) {
        return { invalidLine: lineOfOffset(chunk, scan.invalidAt, line), multiByteBefore };
      }
      carry = chunk.subarray(scan.end);
    }
    line = lineOfOffset(chunk, chunk.length - carry.length, line);
  }
  return carry.length > 0
    ? { invalidLine: line, multiByteBefore }
    : { invalidLine: null, multiByteBefore };
}

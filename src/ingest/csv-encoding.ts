import type { CsvEncoding, FileHead } from './csv-layout.ts';
import { scanFileUtf8 } from './text-encoding.ts';

/** The encoding a CSV file is read in, with a note for the report when it is not plain UTF-8. */
export interface EncodingChoice {
  encoding: CsvEncoding;
  note: string | null;
}

/**
 * Decides from the whole file: UTF-8 when every byte is; Windows-1252 when the first byte that
 * is not UTF-8 comes before any UTF-8 letter beyond ASCII (Excel's "CSV" on a western Windows);
 * else UTF-8 with a broken spot, whose records are rejected one by one.
 */
// TODO(other code pages): a central European (Windows-1250) or Mac file is read as
// Windows-1252 too, with the warning – when users outside western Europe import such files,
// let `--encoding` name the code page.
export async function chooseCsvEncoding(path: string, head: FileHead): Promise<EncodingChoice> {
  const scan = await scanFileUtf8(path);
  if (scan.invalidLine === null) return { encoding: 'utf-8', note: null };

  const line = scan.invalidLine;
  if (scan.multiByteBefore || head.bomBytes > 0) {
    const note = `line ${line} is the first to hold bytes that are not UTF-8, in a file that is UTF-8 before it: records holding such bytes were rejected`;
    return { encoding: 'utf-8', note };
  }
  const note = `the file is not UTF-8 (line ${line} is the first line that is not): it was read as Windows-1252, the encoding Excel saves CSV in; if names look wrong, save it as "CSV UTF-8" and import it again`;
  return { encoding: 'windows-1252', note };
}

import type { Columns } from './csv-columns.ts';
import type { DateOrder } from './dates.ts';
import type { ImportFormat } from './import-report.ts';
import type { LeadInput } from './lead-input.ts';

export interface RecordPosition {
  record: number;
  line: number;
}

/** Reads the records of one file whose header is known. */
export interface CsvRecordReader {
  /** Positions of the cells that hold dates: their slash dates decide the file's date order. */
  dateColumns: number[];
  /** What holds for every record of the file (an old layout without URLs), for the report. */
  fileNotes: string[];
  /** Positions of the cells that hold about texts: they may be longer than other cells. */
  longTextColumns?: number[];
  read(cells: string[], at: RecordPosition, dateOrder: DateOrder): LeadInput;
}

/** One CSV export layout: how to recognise its header and read its records. */
export interface CsvFormat {
  readonly name: ImportFormat;
  /** The columns the format is recognised by, as an unknown_format error names them. */
  readonly expects: string;
  /** The order of slash dates no date in the file settles. */
  readonly defaultDateOrder: DateOrder;
  matches(columns: Columns): boolean;
  reader(columns: Columns): CsvRecordReader;
}

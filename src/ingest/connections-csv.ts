import { type Columns, cellText, cellValue } from './csv-columns.ts';
import type { CsvFormat, CsvRecordReader } from './csv-format.ts';
import { dateValue, emailValue, joinName, stated } from './record-fields.ts';

/**
 * LinkedIn's Connections.csv: a "Notes:" preamble, then First Name, Last Name, URL, Email
 * Address, Company, Position, Connected On. Exports before LinkedIn added URL lack that column.
 */
export const connectionsCsv: CsvFormat = {
  name: 'connections',
  expects: 'First Name, Last Name, URL, Email Address, Company, Position, Connected On',
  // LinkedIn writes "24 Sep 2025"; slash dates come from a spreadsheet re-save, and the
  // day-first order LinkedIn uses is the likelier one.
  defaultDateOrder: 'DMY',

  matches(columns: Columns) {
    return columns.has('first name', 'last name', 'connected on');
  },

  reader(columns: Columns): CsvRecordReader {
    const at = {
      first: columns.find('first name'),
      last: columns.find('last name'),
      url: columns.find('url', 'profile url'),
      email: columns.find('email address', 'email'),
      company: columns.find('company'),
      position: columns.find('position'),
      connectedOn: columns.find('connected on'),
    };
    const fileNotes =
      at.url < 0
        ? [
            'this Connections.csv layout has no URL column, so no record can be matched to a LinkedIn profile: export Connections.csv again from LinkedIn to get the URL column',
          ]
        : [];

    return {
      dateColumns: [at.connectedOn],
      fileNotes,
      read(cells, position, dateOrder) {
        const warnings: string[] = [];
        const firstName = cellValue(cells, at.first);
        const lastName = cellValue(cells, at.last);
        const url = cellValue(cells, at.url);
        const connectedOn = dateValue(
          cellText(cells, at.connectedOn),
          dateOrder,
          'Connected On',
          warnings,
        );
        return {
          ...position,
          source: 'connections',
          refs: url ? [url] : [],
          profile: stated({
            firstName,
            lastName,
            fullName: joinName(firstName, lastName),
            email: emailValue(cellText(cells, at.email)),
            company: cellValue(cells, at.company),
            position: cellValue(cells, at.position),
            connectedOn,
            connectionStatus: 'connected' as const,
            memberDistance: 1,
          }),
          warnings,
        };
      },
    };
  },
};

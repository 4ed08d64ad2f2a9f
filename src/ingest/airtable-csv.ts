import { type Columns, cellText, cellValue } from './csv-columns.ts';
import type { CsvFormat, CsvRecordReader } from './csv-format.ts';
import type { LeadInput } from './lead-input.ts';
import {
  booleanValue,
  dateValue,
  emailValue,
  isPlaceholderName,
  listValue,
  numberValue,
  stated,
  statusValue,
} from './record-fields.ts';

const urlColumns = ['linkedin url', 'linkedin profile url', 'linkedin profile', 'linkedin'];

/**
 * A CSV export of the legacy Airtable Leads table: Name, LinkedIn URL, Company, Title, Client,
 * Status, Tags, Score, Do Not Contact, Last Contacted, Next Follow-up, Created. Tags and Client
 * hold several values separated by commas; a ticked box reads "checked"; dates are M/D/YYYY.
 */
export const airtableCsv: CsvFormat = {
  name: 'airtable',
  expects: 'Name, LinkedIn URL (and any of Company, Title, Status, Tags, Next Follow-up, Client)',
  defaultDateOrder: 'MDY',

  matches(columns: Columns) {
    return columns.find('name', 'full name') >= 0 && columns.find(...urlColumns) >= 0;
  },

  reader(columns: Columns): CsvRecordReader {
    const at = {
      name: columns.find('name', 'full name'),
      firstName: columns.find('first name'),
      lastName: columns.find('last name'),
      url: columns.find(...urlColumns),
      company: columns.find('company'),
      position: columns.find('title', 'position', 'job title'),
      headline: columns.find('headline'),
      location: columns.find('location'),
      industry: columns.find('industry'),
      email: columns.find('email', 'email address'),
      phone: columns.find('phone'),
      status: columns.find('status'),
      tags: columns.find('tags'),
      doNotContact: columns.find('do not contact'),
      followUpOn: columns.find('next follow up', 'follow up', 'follow up on'),
      clients: columns.find('client', 'clients'),
      score: columns.find('score'),
    };
    const dated = columns.others(Object.values(at)).filter(([name]) => isDateColumn(name));
    const extras = columns.others([...Object.values(at), ...dated.map(([, index]) => index)]);

    return {
      dateColumns: [at.followUpOn, ...dated.map(([, index]) => index)],
      fileNotes: [],
      read(cells, position, dateOrder): LeadInput {
        const warnings: string[] = [];
        const name = cellValue(cells, at.name);
        const placeholder = isPlaceholderName(name);
        const extra: Record<string, unknown> = {};
        const clients = listValue(cellText(cells, at.clients));
        if (clients.length > 0) extra.Client = clients;
        const score = numberValue(cellText(cells, at.score));
        if (score !== undefined) extra.Score = score;
        for (const [column, index] of dated) {
          const date = dateValue(cellText(cells, index), dateOrder, column, warnings);
          if (date) extra[column] = date;
        }
        for (const [column, index] of extras) {
          const text = cellText(cells, index);
          if (text !== '') extra[column] = text;
        }
        const url = cellValue(cells, at.url);
        const followUpOn = dateValue(
          cellText(cells, at.followUpOn),
          dateOrder,
          'Next Follow-up',
          warnings,
        );

        return {
          ...position,
          source: 'airtable',
          refs: url ? [url] : [],
          profile: stated({
            fullName: placeholder ? undefined : name,
            firstName: placeholder ? undefined : cellValue(cells, at.firstName),
            lastName: placeholder ? undefined : cellValue(cells, at.lastName),
            company: cellValue(cells, at.company),
            position: cellValue(cells, at.position),
            headline: cellValue(cells, at.headline),
            location: cellValue(cells, at.location),
            industry: cellValue(cells, at.industry),
            email: emailValue(cellText(cells, at.email)),
            phone: cellValue(cells, at.phone),
          }),
          ...stated({
            status: statusValue(cellText(cells, at.status)),
            doNotContact: booleanValue(cellText(cells, at.doNotContact)),
            followUpOn,
          }),
          tags: listValue(cellText(cells, at.tags)),
          extra,
          ...(placeholder ? { placeholder } : {}),
          warnings,
        };
      },
    };
  },
};

/** Airtable date fields by their usual names: "Created", "Last Contacted", "… Date". */
function isDateColumn(name: string): boolean {
  return /\b(?:date|created|contacted|modified)\b/i.test(name);
}

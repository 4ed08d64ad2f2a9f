import { parseProfileRef } from '../leads/identity.ts';
import { type Columns, cellText, cellValue } from './csv-columns.ts';
import type { CsvFormat, CsvRecordReader } from './csv-format.ts';
import type { LeadInput } from './lead-input.ts';
import {
  booleanValue,
  connectionFor,
  distanceValue,
  isPlaceholderName,
  joinName,
  numberValue,
  stated,
} from './record-fields.ts';

/**
 * PhantomBuster exports: the Sales Navigator search export (profileUrl is a /sales/lead/ URL
 * with the search context after the ID; vmid, linkedInProfileUrl and defaultProfileUrl name
 * the same person) and the LinkedIn search export (profileUrl, fullName, job, location).
 */
export const phantomBusterCsv: CsvFormat = {
  name: 'salesnav',
  expects:
    'profileUrl, fullName (Sales Navigator exports add vmid, linkedInProfileUrl, defaultProfileUrl)',
  defaultDateOrder: 'MDY',

  matches(columns: Columns) {
    return (
      columns.has('profileurl') &&
      (columns.has('fullname') || columns.has('firstname') || columns.has('vmid'))
    );
  },

  reader(columns: Columns): CsvRecordReader {
    const at = {
      profileUrl: columns.find('profileurl'),
      linkedInProfileUrl: columns.find('linkedinprofileurl'),
      defaultProfileUrl: columns.find('defaultprofileurl'),
      vmid: columns.find('vmid'),
      fullName: columns.find('fullname', 'name'),
      firstName: columns.find('firstname'),
      lastName: columns.find('lastname'),
      company: columns.find('companyname', 'company'),
      position: columns.find('title', 'jobtitle'),
      headline: columns.find('job', 'headline'),
      location: columns.find('location'),
      industry: columns.find('industry'),
      about: columns.find('summary'),
      degree: columns.find('connectiondegree', 'degree'),
    };
    // The photo URL is signed and expires: keeping it would change the lead on every export.
    const skipped = [columns.find('profileimageurl'), columns.find('name')];
    const extras = columns.others([...Object.values(at), ...skipped]);
    const source = at.vmid >= 0 || at.linkedInProfileUrl >= 0 ? 'salesnav' : 'phantombuster';

    return {
      dateColumns: [],
      fileNotes: [],
      longTextColumns: [at.about],
      read(cells, position): LeadInput {
        const refCells = [at.profileUrl, at.linkedInProfileUrl, at.defaultProfileUrl];
        const refs = refCells.map((cell) => cellText(cells, cell)).filter((ref) => ref !== '');
        const fullName = cellValue(cells, at.fullName);
        const placeholder = isPlaceholderName(fullName);
        const distance = distanceValue(cellText(cells, at.degree));
        const names = placeholder
          ? {}
          : {
              fullName:
                fullName ?? joinName(cellValue(cells, at.firstName), cellValue(cells, at.lastName)),
              firstName: cellValue(cells, at.firstName),
              lastName: cellValue(cells, at.lastName),
            };
        return {
          ...position,
          source,
          refs,
          memberIds:
            at.vmid >= 0 && cellText(cells, at.vmid) !== '' ? [cellText(cells, at.vmid)] : [],
          profile: stated({
            ...names,
            company: cellValue(cells, at.company),
            position: cellValue(cells, at.position),
            headline: cellValue(cells, at.headline),
            location: cellValue(cells, at.location),
            industry: cellValue(cells, at.industry),
            about: cellValue(cells, at.about),
            salesNavUrl: salesNavigatorUrl(cellText(cells, at.profileUrl)),
            memberDistance: distance,
            connectionStatus: connectionFor(distance),
          }),
          extra: extraFields(cells, extras),
          ...(placeholder ? { placeholder } : {}),
        };
      },
    };
  },
};

/** The Sales Navigator lead URL without the search context that changes on every search. */
export function salesNavigatorUrl(ref: string): string | undefined {
  if (!/\/sales\/(?:lead|people)\//i.test(ref)) return undefined;
  const parsed = parseProfileRef(ref);
  if (!parsed.ok || parsed.value.kind !== 'mid') return undefined;
  return `https://www.linkedin.com/sales/lead/${parsed.value.key.slice('mid:'.length)}`;
}

function extraFields(cells: string[], extras: Array<[string, number]>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [name, position] of extras) {
    const text = cellText(cells, position);
    if (text === '') continue;
    if (/^(?:is|has)[A-Z]/.test(name)) extra[name] = booleanValue(text) ?? text;
    else if (/Count$/.test(name)) extra[name] = numberValue(text) ?? text;
    else extra[name] = text;
  }
  return extra;
}

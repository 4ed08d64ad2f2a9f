import { csvCell } from '../csv-cell.ts';
import { identityKind } from './identity.ts';
import type { Lead } from './lead.ts';

/**
 * The profile URL LinkedHelper opens for a lead, built from its identities so that tracking
 * parameters and sub-paths of a source URL never reach the campaign: a vanity slug first,
 * then a member ID, a legacy /pub/ path, and last whatever URL a source gave.
 */
export function campaignProfileUrl(lead: Pick<Lead, 'identities' | 'profileUrl' | 'salesNavUrl'>) {
  const byKind = (kind: string) => lead.identities.find((key) => identityKind(key) === kind);
  const vanity = byKind('in');
  if (vanity) return `https://www.linkedin.com/in/${encodeURIComponent(vanity.slice(3))}/`;
  const member = byKind('mid');
  if (member) return `https://www.linkedin.com/in/${member.slice(4)}/`;
  const pub = byKind('pub');
  if (pub)
    return `https://www.linkedin.com/pub/${pub.slice(4).split('/').map(encodeURIComponent).join('/')}/`;
  return lead.profileUrl ?? lead.salesNavUrl;
}

/**
 * First and last name for a campaign greeting. A lead imported with only a full name (an Airtable
 * `Name` column) would otherwise greet "Hi ," — so a missing part is taken from the full name:
 * its first word is the first name, the rest the last name. Stored parts always win.
 */
function greetingName(lead: Pick<Lead, 'firstName' | 'lastName' | 'fullName'>) {
  const [first = null, ...rest] = (lead.fullName ?? '').trim().split(/\s+/).filter(Boolean);
  const stored = (part: string | null) => (part?.trim() ? part : null);
  return {
    firstName: stored(lead.firstName) ?? first,
    lastName: stored(lead.lastName) ?? (rest.length > 0 ? rest.join(' ') : null),
  };
}

const columns: { header: string; value: (lead: Lead) => string | number | null }[] = [
  // LinkedHelper reads the profile URLs from the first column.
  { header: 'profile_url', value: campaignProfileUrl },
  { header: 'first_name', value: (lead) => greetingName(lead).firstName },
  { header: 'last_name', value: (lead) => greetingName(lead).lastName },
  { header: 'full_name', value: (lead) => lead.fullName },
  { header: 'headline', value: (lead) => lead.headline },
  { header: 'company', value: (lead) => lead.company },
  { header: 'position', value: (lead) => lead.position },
  { header: 'score', value: (lead) => lead.score },
  { header: 'lead_id', value: (lead) => lead.id },
];

/** The staged batch as a CSV a LinkedHelper campaign can import: UTF-8, header row, CRLF. */
export function invitationBatchCsv(leads: Lead[]): string {
  const lines = [columns.map((column) => column.header).join(',')];
  for (const lead of leads) {
    lines.push(columns.map((column) => csvCell(column.value(lead))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

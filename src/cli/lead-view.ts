import { localDateTimeIn } from '../clock.ts';
import { identityKind, profileKey, profileUrlOf } from '../leads/identity.ts';
import type { Lead } from '../leads/lead.ts';
import { profileChangedAfterScore } from '../leads/score-freshness.ts';
import { explainScore, type ScoreDetail } from '../scoring/score-detail.ts';
import { shortened } from '../short-text.ts';
import { type Column, formatScore } from './table.ts';

/** The columns of `leads list`. */
export const leadColumns: Column<Lead>[] = [
  { header: 'SCORE', value: (lead) => formatScore(lead.score), align: 'right' },
  { header: 'SCORING', value: (lead) => lead.scoreStatus },
  { header: 'NAME', value: (lead) => lead.fullName ?? '(no name)', maxWidth: 28 },
  { header: 'ROLE', value: (lead) => lead.position ?? lead.headline ?? '', maxWidth: 36 },
  { header: 'COMPANY', value: (lead) => lead.company ?? '', maxWidth: 28 },
  { header: 'CONNECTION', value: (lead) => lead.connectionStatus },
  { header: 'FOLLOW-UP', value: (lead) => lead.followUpOn ?? '' },
  { header: 'ID', value: (lead) => lead.id },
];

function isScoreDetail(value: unknown): value is ScoreDetail {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as ScoreDetail).attributes)
  );
}

/** The reasons for a lead's score, one short line each, or none when it is not scored. */
export function scoreReasons(lead: Lead): string[] {
  return isScoreDetail(lead.scoreDetail) ? explainScore(lead.scoreDetail) : [];
}

function field(label: string, value: string | number | null | undefined): string[] {
  if (value === null || value === undefined || value === '') return [];
  return [`${`${label}:`.padEnd(14)}${String(value).replace(/\s*\n\s*/g, ' / ')}`];
}

/**
 * The profile URL a person recognises: the vanity one (/in/jane-doe) when the lead has one, and
 * a member-ID URL (/in/ACwAA…) only as a second line, since it names nobody to a reader.
 */
function profileLines(lead: Lead): string[] {
  const stated = lead.profileUrl;
  const vanity = lead.identities.find((key) => identityKind(key) === 'in');
  const statedKey = profileKey(stated);
  if (!vanity || statedKey === vanity) return field('profile', stated);
  const other = stated ?? (statedKey === null ? null : profileUrlOf(statedKey));
  return [...field('profile', profileUrlOf(vanity)), ...field('member url', other)];
}

/** Where the lead stands with the person: connected or not, and the invitation sent. */
function connectionText(lead: Lead): string {
  const parts = [lead.connectionStatus + (lead.connectedOn ? ` since ${lead.connectedOn}` : '')];
  if (lead.invitedOn) parts.push(`invited on ${lead.invitedOn}`);
  else if (lead.stagedAt) parts.push('staged for the next invitation batch');
  return parts.join(', ');
}

/**
 * Everything `leads show` prints: the profile, the identities, the pipeline and the score.
 * Moments are shown on the client's clock (`timeZone`), as its calendar dates are.
 */
export function leadDetailLines(lead: Lead, timeZone: string): string[] {
  const role = [lead.position, lead.company].filter(Boolean).join(' at ');
  const lines = [
    lead.fullName ?? '(no name)',
    ...field('headline', lead.headline),
    ...field('role', role),
    ...field('location', lead.location),
    ...field('industry', lead.industry),
    ...field('about', lead.about && shortened(lead.about, 300)),
    ...field('email', lead.email),
    ...field('phone', lead.phone),
    ...profileLines(lead),
    ...field('sales nav', lead.salesNavUrl),
    ...field('identities', lead.identities.join(', ')),
    ...field('connection', connectionText(lead)),
    ...field('status', lead.status + (lead.doNotContact ? ', do not contact' : '')),
    ...field('priority', lead.priority),
    ...field('tags', lead.tags.join(', ')),
    ...field('follow-up', lead.followUpOn),
    ...field('sources', lead.sources.join(', ')),
    ...field('id', lead.id),
    '',
  ];

  const reasons = scoreReasons(lead);
  if (reasons.length === 0)
    return [...lines, `score: ${formatScore(lead.score)} (${lead.scoreStatus})`];
  return [
    ...lines,
    ...reasons.map((reason, index) => (index === 0 ? reason : `  ${reason}`)),
    ...staleNote(lead, timeZone),
  ];
}

/** Said under a score whose words changed since: the next run scores the lead again. */
function staleNote(lead: Lead, timeZone: string): string[] {
  const changed = lead.profileChangedAt;
  if (changed === null || !profileChangedAfterScore(lead)) return [];
  const when = localDateTimeIn(timeZone, new Date(changed));
  return [
    `  (the profile changed on ${when} ${timeZone}, after this score: the next run scores it again)`,
  ];
}

import { describe, expect, it } from 'vitest';
import { leadRow } from '../../test/support/lead-rows.ts';
import { leadFromRow } from '../leads/lead.ts';
import { offlineScorer } from '../scoring/offline-scorer.ts';
import { legacyExampleRubric } from '../scoring/scoring-fixtures.ts';
import { leadDetailLines } from './lead-view.ts';

async function scoredLead(profileChangedAt: string | null) {
  const lead = leadFromRow(leadRow({ id: 'l1', full_name: 'Ada Quill', headline: 'a b' }), []);
  const rubric = { version: 1, rubric: legacyExampleRubric, note: null, createdAt: '' };
  const results = await offlineScorer.scoreBatch([lead], rubric, new AbortController().signal);
  const detail = results.get('l1');
  const scored = leadRow({
    id: 'l1',
    full_name: 'Ada Quill',
    headline: 'a b',
    score_status: 'scored',
    score_detail: JSON.stringify({ ...detail, scoredAt: '2025-09-20T10:00:00.000Z' }),
    scored_at: '2025-09-20T10:00:00.000Z',
    profile_changed_at: profileChangedAt,
  });
  return leadFromRow(scored, []);
}

describe('leads show', () => {
  it('says when the profile changed after the score it shows', async () => {
    const stale = leadDetailLines(await scoredLead('2025-09-22T08:00:00.000Z'), 'UTC');
    const fresh = leadDetailLines(await scoredLead('2025-09-19T08:00:00.000Z'), 'UTC');

    expect(stale.at(-1)).toBe(
      '  (the profile changed on 2025-09-22 08:00 UTC, after this score: the next run scores it again)',
    );
    expect(fresh.join('\n')).not.toContain('the profile changed');
  });

  it("dates the profile change on the client's clock, not in UTC", async () => {
    // 23:04 UTC on the 4th is 00:04 on the 5th in Berlin.
    const lines = leadDetailLines(await scoredLead('2026-12-04T23:04:00.000Z'), 'Europe/Berlin');

    expect(lines.at(-1)).toBe(
      '  (the profile changed on 2026-12-05 00:04 Europe/Berlin, after this score: the next run scores it again)',
    );
  });

  it('says when the lead was invited, and shows the vanity profile URL before the member one', () => {
    const lead = leadFromRow(
      leadRow({
        id: 'l2',
        full_name: 'Ben Ortiz',
        profile_url: 'https://www.linkedin.com/in/ACwAAAbcdefghijklmnopqrstuvwx',
        connection_status: 'pending',
        staged_at: '2025-09-23T20:00:00.000Z',
        invited_on: '2025-09-24',
      }),
      ['mid:ACwAAAbcdefghijklmnopqrstuvwx', 'in:ben-ortiz'],
    );

    const lines = leadDetailLines(lead, 'UTC');

    expect(lines).toContain('connection:   pending, invited on 2025-09-24');
    expect(lines).toContain('profile:      https://www.linkedin.com/in/ben-ortiz');
    expect(lines).toContain(
      'member url:   https://www.linkedin.com/in/ACwAAAbcdefghijklmnopqrstuvwx',
    );
    expect(lines.indexOf('profile:      https://www.linkedin.com/in/ben-ortiz')).toBeLessThan(
      lines.findIndex((line) => line.startsWith('member url:')),
    );
  });

  it('shows a vanity profile URL alone, and a staged lead as staged', () => {
    const lead = leadFromRow(
      leadRow({
        id: 'l3',
        profile_url: 'https://www.linkedin.com/in/cara-diaz/',
        connection_status: 'not_connected',
        staged_at: '2025-09-23T20:00:00.000Z',
      }),
      ['in:cara-diaz'],
    );

    const lines = leadDetailLines(lead, 'UTC');

    expect(lines).toContain('profile:      https://www.linkedin.com/in/cara-diaz/');
    expect(lines.some((line) => line.startsWith('member url:'))).toBe(false);
    expect(lines).toContain('connection:   not_connected, staged for the next invitation batch');
  });
});

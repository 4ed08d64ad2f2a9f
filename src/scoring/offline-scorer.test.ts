import { describe, expect, it } from 'vitest';
import type { Lead } from '../leads/lead.ts';
import { leadFromRow } from '../leads/lead.ts';
import { offlineScorer } from './offline-scorer.ts';
import { parseRubric } from './rubric.ts';
import type { RubricVersion } from './rubric-store.ts';
import { explainScore, type ScoreDetail } from './score-detail.ts';
import { isScoreFailure } from './scorer.ts';
import { type LeadInput, leadRow } from './scoring-fixtures.ts';

const rubric: RubricVersion = {
  version: 3,
  note: null,
  createdAt: '2025-09-01T00:00:00.000Z',
  rubric: parseRubric(
    {
      name: 'Payments founders',
      attributes: [
        {
          kind: 'positive',
          id: 'A',
          label: 'Founder or CFO',
          max: 40,
          instructions: 'Founders and CFOs.',
          fields: ['headline', 'position'],
          signals: [
            { phrase: 'co-founder', weight: 40 },
            { phrase: 'founder', weight: 30 },
            { phrase: 'cfo', weight: 35 },
          ],
          exclude: ['former', "founder's associate"],
        },
        {
          kind: 'positive',
          id: 'B',
          label: 'Payments',
          max: 30,
          instructions: 'Payments companies.',
          fields: ['company', 'industry', 'about'],
          signals: [
            { phrase: 'payments', weight: 20 },
            { phrase: 'fintech', weight: 15 },
            { phrase: 'open banking', weight: 20, fields: ['about'] },
          ],
        },
        {
          kind: 'positive',
          id: 'C',
          label: 'Licensing',
          max: 8,
          bonus: true,
          instructions: 'Licensing work.',
          signals: [{ phrase: 'EMI licence', weight: 8 }],
        },
        {
          kind: 'negative',
          id: 'N1',
          label: 'Student or recruiter',
          penalty: 20,
          disqualifying: true,
          instructions: 'Out.',
          fields: ['headline'],
          signals: [
            { phrase: 'student', weight: 20 },
            { phrase: 'recruiter', weight: 20 },
          ],
        },
      ],
    },
    'test',
  ),
};

function lead(input: Omit<LeadInput, 'id'> & { id?: string }): Lead {
  return leadFromRow(leadRow({ id: input.id ?? 'lead-1', ...input }), []);
}

async function score(...leads: Lead[]): Promise<Map<string, ScoreDetail>> {
  const results = await offlineScorer.scoreBatch(leads, rubric, new AbortController().signal);
  const details = new Map<string, ScoreDetail>();
  for (const [id, result] of results) {
    if (isScoreFailure(result)) throw new Error(`${id} failed: ${result.message}`);
    details.set(id, result);
  }
  return details;
}

describe('offline scorer', () => {
  it('explains every point by the field and the words that earned it', async () => {
    const detail = (
      await score(
        lead({
          headline: 'Co-Founder & CFO at Paylark',
          company: 'Paylark Payments',
          about: 'We build Open-Banking rails; preparing our EMI licence.',
        }),
      )
    ).get('lead-1')!;

    expect(detail.attributes).toEqual([
      {
        id: 'A',
        label: 'Founder or CFO',
        kind: 'positive',
        max: 40,
        bonus: false,
        points: 40,
        evidence: [
          { field: 'headline', text: 'Co-Founder', signal: 'co-founder', weight: 40 },
          { field: 'headline', text: 'CFO', signal: 'cfo', weight: 35 },
        ],
      },
      {
        id: 'B',
        label: 'Payments',
        kind: 'positive',
        max: 30,
        bonus: false,
        points: 30,
        evidence: [
          { field: 'company', text: 'Payments', signal: 'payments', weight: 20 },
          { field: 'about', text: 'Open-Banking', signal: 'open banking', weight: 20 },
        ],
      },
      {
        id: 'C',
        label: 'Licensing',
        kind: 'positive',
        max: 8,
        bonus: true,
        points: 8,
        evidence: [{ field: 'about', text: 'EMI licence', signal: 'EMI licence', weight: 8 }],
      },
      {
        id: 'N1',
        label: 'Student or recruiter',
        kind: 'negative',
        penalty: 20,
        disqualifying: true,
        points: 0,
        evidence: [],
      },
    ]);
    expect(detail).toMatchObject({
      score: 100,
      status: 'scored',
      reasons: [],
      rubricVersion: 3,
      scorer: 'offline',
    });
  });

  it('lets the longer phrase win where phrases overlap, so words never pay twice', async () => {
    const detail = (await score(lead({ headline: 'Co-founder' }))).get('lead-1')!;

    expect(detail.attributes[0]?.points).toBe(40);
    expect(detail.attributes[0]?.evidence.map((e) => e.signal)).toEqual(['co-founder']);
  });

  it('cancels a signal that an excluded phrase overlaps or directly precedes', async () => {
    const details = await score(
      lead({ id: 'former', headline: 'Former co-founder, now CFO' }),
      lead({ id: 'associate', headline: "Founder's Associate" }),
    );

    expect(details.get('former')?.attributes[0]?.evidence.map((e) => e.text)).toEqual(['CFO']);
    expect(details.get('former')?.attributes[0]?.points).toBe(35);
    expect(details.get('associate')?.attributes[0]?.points).toBe(0);
  });

  it('counts a signal once however often it appears, and looks only in its fields', async () => {
    const detail = (
      await score(
        lead({
          headline: 'Founder',
          position: 'Founder',
          company: 'fintech fintech',
          location: 'payments street',
        }),
      )
    ).get('lead-1')!;

    expect(detail.attributes[0]?.evidence).toEqual([
      { field: 'headline', text: 'Founder', signal: 'founder', weight: 30 },
    ]);
    expect(detail.attributes[1]?.points).toBe(15);
    expect(detail.score).toBe(62.5);
  });

  it('disqualifies with the words that did it, and is deterministic', async () => {
    const student = lead({ headline: 'MSc student | aspiring founder', company: 'Payments Co' });
    const first = (await score(student)).get('lead-1')!;
    const second = (await score(student)).get('lead-1')!;

    expect(first.status).toBe('disqualified');
    expect(first.reasons).toEqual([
      'disqualified by N1 Student or recruiter: "student" in headline',
    ]);
    expect(first.attributes[3]?.points).toBe(-20);
    expect({ ...first, scoredAt: '' }).toEqual({ ...second, scoredAt: '' });
  });

  it('gives a lead without words zero, not a failure', async () => {
    const detail = (await score(lead({}))).get('lead-1')!;

    expect(detail.score).toBe(0);
    expect(detail.status).toBe('scored');
  });

  it('writes an explanation a person can read', async () => {
    const detail = (await score(lead({ headline: 'Founder, recruiter', company: 'Paylark' }))).get(
      'lead-1',
    )!;

    expect(explainScore({ ...detail, scoredAt: '2025-09-24T08:00:00.000Z' })).toEqual([
      'score 13.89 (disqualified), rubric v3, offline scorer, 2025-09-24T08:00:00.000Z',
      'disqualified by N1 Student or recruiter: "recruiter" in headline',
      'A Founder or CFO: 30/40 — "Founder" in headline (30)',
      'B Payments: 0/30 — nothing matched',
      'C Licensing: 0/8 bonus — nothing matched',
      'N1 Student or recruiter: −20 of −20 disqualifying — "recruiter" in headline (20)',
    ]);
  });

  it('stops when the run is cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the operator'));

    await expect(offlineScorer.scoreBatch([lead({})], rubric, controller.signal)).rejects.toThrow(
      'cancelled by the operator',
    );
  });
});

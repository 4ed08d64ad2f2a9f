import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadScore, roundTo2, scoreDenominator } from './formula.ts';
import { parseRubric } from './rubric.ts';
import { legacyExampleRubric as legacy } from './scoring-fixtures.ts';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const gated = parseRubric(
  {
    name: 'Gated',
    attributes: [
      {
        kind: 'positive',
        id: 'ROLE',
        label: 'Decision maker',
        max: 30,
        minToQualify: 10,
        instructions: 'Role.',
        signals: [{ phrase: 'cfo', weight: 30 }],
      },
      {
        kind: 'negative',
        id: 'N1',
        label: 'Recruiter',
        penalty: 10,
        disqualifying: true,
        instructions: 'Recruiters are out.',
        signals: [{ phrase: 'recruiter', weight: 10 }],
      },
    ],
  },
  'test',
);

describe('leadScore', () => {
  it('gives 47.06 for the worked example of the system it replaces', () => {
    const outcome = leadScore(legacy, { A: 12, B: 8, C: 0, I: 5, N1: -5 });

    expect(scoreDenominator(legacy)).toBe(42.5);
    expect(outcome).toEqual({ score: 47.06, status: 'scored', reasons: [] });
  });

  it('rounds to two decimals, half away from zero', () => {
    expect(leadScore(legacy, { A: 15, B: 0, C: 0, I: 0, N1: 0 }).score).toBe(35.29);
    expect(leadScore(legacy, { A: 1, B: 0, C: 0, I: 0, N1: 0 }).score).toBe(2.35);
    expect(roundTo2(1.005)).toBe(1.01);
    expect(roundTo2(2.675)).toBe(2.68);
    expect(roundTo2(-0.001)).toBe(0);
  });

  it('holds a score pushed past 100 by a bonus at 100', () => {
    const full = leadScore(legacy, { A: 15, B: 20, C: 10, I: 5, N1: 0 });
    const justFull = leadScore(legacy, { A: 15, B: 20, C: 2.5, I: 5, N1: 0 });

    expect(full.score).toBe(100);
    expect(justFull.score).toBe(100);
    expect(leadScore(legacy, { A: 15, B: 20, C: 2, I: 5, N1: 0 }).score).toBe(98.82);
  });

  it('holds a score pulled below 0 by penalties at 0', () => {
    const outcome = leadScore(legacy, { A: 2, B: 0, C: 0, I: 0, N1: -5 });

    expect(outcome.score).toBe(0);
    expect(outcome.status).toBe('scored');
  });

  it('always lands in 0..100 with at most two decimals for any answer in range', () => {
    const inRange = fc.record({
      A: fc.double({ min: 0, max: 15, noNaN: true }),
      B: fc.double({ min: 0, max: 20, noNaN: true }),
      C: fc.double({ min: 0, max: 10, noNaN: true }),
      I: fc.double({ min: 0, max: 5, noNaN: true }),
      N1: fc.double({ min: -5, max: 0, noNaN: true }),
    });
    fc.assert(
      fc.property(inRange, (points) => {
        const { score } = leadScore(legacy, points);
        return score >= 0 && score <= 100 && Math.abs(score * 100 - Math.round(score * 100)) < 1e-6;
      }),
    );
  });

  it('rejects points outside an attribute range with score_invalid, never clamping them', () => {
    const error = thrown(() => leadScore(legacy, { A: 16, B: -1, C: 0, I: 5, N1: 1 }));

    expect(error).toMatchObject({
      code: 'score_invalid',
      issues: [
        { path: 'points.A', message: '16 is outside 0..15' },
        { path: 'points.B', message: '-1 is outside 0..20' },
        { path: 'points.N1', message: '1 is outside -5..0' },
      ],
    });
  });

  it('rejects missing, unknown and non-finite points', () => {
    const error = thrown(() => leadScore(legacy, { A: Number.NaN, B: 8, C: 0, N1: 0, Z: 3 }));

    expect(error).toMatchObject({
      code: 'score_invalid',
      issues: [
        { path: 'points.A', message: 'NaN is not a finite number' },
        { path: 'points.I', message: 'is missing' },
        { path: 'points.Z', message: 'is not an attribute' },
      ],
    });
  });

  it('marks a disqualifying hit disqualified with its reason, whatever the score', () => {
    const outcome = leadScore(gated, { ROLE: 30, N1: -10 }, { N1: ['"Recruiter" in headline'] });

    expect(outcome).toEqual({
      score: 66.67,
      status: 'disqualified',
      reasons: ['disqualified by N1 Recruiter: "Recruiter" in headline'],
    });
  });

  it('marks a lead below an attribute minimum unqualified', () => {
    const outcome = leadScore(gated, { ROLE: 9, N1: 0 });

    expect(outcome).toEqual({
      score: 30,
      status: 'unqualified',
      reasons: ['unqualified: ROLE Decision maker has 9, needs at least 10'],
    });
    expect(leadScore(gated, { ROLE: 10, N1: 0 }).status).toBe('scored');
  });

  it('lets disqualification win over a missed minimum and gives both reasons', () => {
    const outcome = leadScore(gated, { ROLE: 0, N1: -4 });

    expect(outcome.status).toBe('disqualified');
    expect(outcome.reasons).toEqual([
      'disqualified by N1 Recruiter',
      'unqualified: ROLE Decision maker has 0, needs at least 10',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseRubric } from './rubric.ts';
import { loadExampleRubric } from './scoring-fixtures.ts';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const role = {
  kind: 'positive',
  id: 'A',
  label: 'Finance leader',
  max: 20,
  instructions: 'CFOs and finance directors.',
  signals: [{ phrase: 'CFO', weight: 20 }],
};

const recruiter = {
  kind: 'negative',
  id: 'N1',
  label: 'Recruiter',
  penalty: 10,
  disqualifying: true,
  instructions: 'Recruiters are out.',
  signals: [{ phrase: 'recruiter', weight: 10, fields: ['headline'] }],
};

describe('parseRubric', () => {
  it('accepts a rubric and fills the defaults', () => {
    const rubric = parseRubric({ name: 'Finance', attributes: [role, recruiter] }, 'test');

    expect(rubric.attributes[0]).toEqual({
      ...role,
      bonus: false,
      exclude: [],
      examples: [],
      fields: ['headline', 'position', 'company', 'industry', 'location', 'about'],
    });
    expect(rubric.attributes[1]).toMatchObject({ kind: 'negative', disqualifying: true });
  });

  it('names every bad field and where the rubric came from', () => {
    const error = thrown(() =>
      parseRubric(
        {
          name: ' ',
          colour: 'blue',
          attributes: [
            { ...role, max: -5, maximum: 3 },
            { ...recruiter, id: 'a', signals: [{ phrase: 'recruiter', weight: 'high' }] },
            { ...role, id: 'X', kind: 'neutral' },
            { ...role, id: 'Q', label: undefined, signals: [] },
          ],
        },
        'rubric.json',
      ),
    );

    expect(error).toMatchObject({
      code: 'rubric_invalid',
      issues: [
        { path: 'name', message: 'a name must not be empty' },
        { path: 'attributes[0].max', message: 'must be greater than 0' },
        { path: 'attributes[0].maximum', message: 'is not a known field' },
        {
          path: 'attributes[1].signals[0].weight',
          message: 'Invalid input: expected number, received string',
        },
        { path: 'attributes[2].kind', message: 'must be one of "positive", "negative"' },
        { path: 'attributes[3].label', message: 'is required' },
        { path: 'attributes[3].signals', message: 'must list at least one signal' },
        { path: 'colour', message: 'is not a known field' },
      ],
    });
    expect((error as Error).message).toMatch(/^invalid rubric in rubric\.json: name: /);
  });

  it('rejects duplicates, out-of-range weights, examples and minimums', () => {
    const error = thrown(() =>
      parseRubric(
        {
          name: 'Finance',
          attributes: [
            {
              ...role,
              minToQualify: 25,
              signals: [
                { phrase: 'CFO', weight: 20 },
                { phrase: 'c.f.o', weight: 5 },
                { phrase: 'cfo', weight: 5 },
                { phrase: 'finance director', weight: 21 },
                { phrase: '—', weight: 1 },
              ],
              examples: [{ profile: 'CFO at a bank', points: 30 }],
            },
            { ...recruiter, id: 'a', minToQualify: -10, exclude: ['Ex', 'ex'] },
          ],
        },
        'test',
      ),
    );

    expect(error).toMatchObject({
      code: 'rubric_invalid',
      issues: [
        {
          path: 'attributes[0].signals[3].weight',
          message: "must not exceed the attribute's max (20)",
        },
        { path: 'attributes[0].signals[2].phrase', message: '"cfo" repeats entry 0 (same words)' },
        {
          path: 'attributes[0].signals[4].phrase',
          message: '"—" holds no letter or digit to match',
        },
        {
          path: 'attributes[0].examples[0].points',
          message: "must be between 0 and 20 (the attribute's range)",
        },
        {
          path: 'attributes[0].minToQualify',
          message: "must be above 0 and at most 20 (the attribute's range)",
        },
        { path: 'attributes[1].exclude[1]', message: '"ex" repeats entry 0 (same words)' },
        {
          path: 'attributes[1].minToQualify',
          message: "must be above -10 and at most 0 (the attribute's range)",
        },
        { path: 'attributes[1].id', message: '"a" is already the id of attributes[0]' },
      ],
    });
  });

  it('requires a positive attribute, since the score divides by the maxima', () => {
    const error = thrown(() => parseRubric({ name: 'Only bad', attributes: [recruiter] }, 'x'));

    expect(error).toMatchObject({
      code: 'rubric_invalid',
      issues: [
        { path: 'attributes', message: 'must include a positive attribute (one with a max)' },
      ],
    });
  });

  it('rejects a value that is not an object at all', () => {
    expect(thrown(() => parseRubric([], 'body'))).toMatchObject({
      code: 'rubric_invalid',
      issues: [{ path: '(root)', message: 'Invalid input: expected object, received array' }],
    });
  });

  it('accepts both demo rubrics, each with a bonus, a negative and a disqualifier', () => {
    for (const file of ['haulwise-freight-operations.json', 'ledgerline-payments-founders.json']) {
      const { attributes } = loadExampleRubric(file);
      const shape = attributes.map((attribute) =>
        attribute.kind === 'positive'
          ? `${attribute.id}:${attribute.bonus ? 'bonus' : 'max'}`
          : `${attribute.id}:${attribute.disqualifying ? 'disqualifying' : 'penalty'}`,
      );

      expect(shape).toEqual([
        'A:max',
        'B:max',
        'C:max',
        'D:bonus',
        'N1:penalty',
        'N2:disqualifying',
      ]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { freightPostRubric } from '../../test/support/post-fixtures.ts';
import { parsePostRubric } from './post-rubric.ts';

describe('parsePostRubric', () => {
  it('accepts a rubric and fills defaults', () => {
    const rubric = parsePostRubric(freightPostRubric, 'test');
    expect(rubric.criteria.map((criterion) => [criterion.id, criterion.examples.length])).toEqual([
      ['P1', 1],
      ['P2', 0],
      ['P3', 0],
      ['N1', 0],
    ]);
  });

  it('names every bad field and where the rubric came from', () => {
    const bad = {
      name: '',
      criteria: [
        { id: 'P1', label: 'x', kind: 'positive', points: 0, keywords: [] },
        { id: 'P1', label: 'y', kind: 'negative', points: 10, keywords: ['—'], color: 'red' },
      ],
    };
    expect(() => parsePostRubric(bad, 'rubric.json')).toThrowError(
      expect.objectContaining({
        code: 'rubric_invalid',
        message:
          'invalid post rubric in rubric.json: name: a name must not be empty; ' +
          'criteria[0].points: must be greater than 0; ' +
          'criteria[0].keywords: must list at least one keyword; ' +
          'criteria[1].keywords[0]: must hold a letter or a digit; ' +
          'criteria[1].color: is not a known field; ' +
          'criteria[1].id: "P1" is used by an earlier criterion',
      }),
    );
  });

  it('needs a positive criterion and distinct IDs', () => {
    const rubric = {
      name: 'n',
      criteria: [
        { id: 'N1', label: 'x', kind: 'negative', points: 5, keywords: ['a'] },
        { id: 'N1', label: 'y', kind: 'negative', points: 5, keywords: ['b'] },
      ],
    };
    expect(() => parsePostRubric(rubric, 'r')).toThrowError(
      expect.objectContaining({
        message:
          'invalid post rubric in r: criteria[1].id: "N1" is used by an earlier criterion; ' +
          'criteria: must hold at least one positive criterion',
      }),
    );
  });
});

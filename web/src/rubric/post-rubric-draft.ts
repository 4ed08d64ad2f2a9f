import { lines, rowKey } from './rubric-draft.ts';
import type { PostCriterion, PostRubric } from './rubric-types.ts';

/** A post criterion as the form edits it: points as typed, keywords and examples a line each. */
export interface CriterionDraft {
  key: string;
  id: string;
  label: string;
  kind: 'positive' | 'negative';
  points: string;
  keywords: string;
  instructions: string;
  examples: string;
}

export interface PostRubricDraft {
  name: string;
  description: string;
  criteria: CriterionDraft[];
}

export function blankCriterion(id: string): CriterionDraft {
  return {
    key: rowKey(),
    id,
    label: '',
    kind: 'positive',
    points: '',
    keywords: '',
    instructions: '',
    examples: '',
  };
}

export function blankPostDraft(): PostRubricDraft {
  return { name: '', description: '', criteria: [blankCriterion('P1')] };
}

export function postDraftOf(rubric: PostRubric): PostRubricDraft {
  return {
    name: rubric.name,
    description: rubric.description ?? '',
    criteria: rubric.criteria.map((criterion) => ({
      key: rowKey(),
      id: criterion.id,
      label: criterion.label,
      kind: criterion.kind,
      points: String(criterion.points),
      keywords: criterion.keywords.join('\n'),
      instructions: criterion.instructions ?? '',
      examples: (criterion.examples ?? []).join('\n'),
    })),
  };
}

function criterionOf(draft: CriterionDraft): PostCriterion {
  const points = draft.points.trim();
  return {
    id: draft.id.trim(),
    label: draft.label,
    kind: draft.kind,
    // Blank is left out (the API says it is required); text that is no number is sent as is.
    points: (points === ''
      ? undefined
      : Number.isFinite(Number(points))
        ? Number(points)
        : points) as number,
    keywords: lines(draft.keywords),
    ...(draft.instructions.trim() === '' ? {} : { instructions: draft.instructions }),
    examples: lines(draft.examples),
  };
}

export function postRubricOf(draft: PostRubricDraft): PostRubric {
  return {
    name: draft.name,
    ...(draft.description.trim() === '' ? {} : { description: draft.description }),
    criteria: draft.criteria.map(criterionOf),
  };
}

/** The next P<n> (or N<n> for a negative criterion) not used yet. */
export function freshCriterionId(draft: PostRubricDraft, prefix = 'P'): string {
  const used = new Set(draft.criteria.map((criterion) => criterion.id.toUpperCase()));
  let n = 1;
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

import { createHash } from 'node:crypto';
import type { Post } from './post.ts';
import type { PostCriterion } from './post-rubric.ts';
import type { PostRubricVersion } from './post-rubric-store.ts';

/** Bumped whenever the wording below changes, so old and new prompts never share a hash. */
export const postPromptTemplate = 'leadbase-post-scoring/1';

/** Longest stretch of a post's words sent; an opener is judged on its start. */
const textLimit = 3000;

export interface PostScoringPrompt {
  system: string;
  /** sha256 of the system prompt (template and rubric version), recorded with every score. */
  sha256: string;
}

function range(criterion: PostCriterion): string {
  return criterion.kind === 'positive'
    ? `positive, points 0 to ${criterion.points}`
    : `negative, points -${criterion.points} to 0`;
}

function criterionBlock(criterion: PostCriterion): string {
  const lines = [
    `- ${criterion.id} "${criterion.label}": ${range(criterion)}.`,
    `  Keywords: ${criterion.keywords.map((keyword) => `"${keyword}"`).join(', ')}`,
  ];
  if (criterion.instructions) lines.push(`  Look for: ${criterion.instructions}`);
  for (const example of criterion.examples) lines.push(`  Example: "${example}"`);
  return lines.join('\n');
}

/** The instructions for one post rubric version; the same for every batch scored against it. */
export function postScoringPrompt(rubric: PostRubricVersion): PostScoringPrompt {
  const { name, description, criteria } = rubric.rubric;
  const shape = criteria.map((c) => `"${c.id}":{"points":0,"evidence":["..."]}`).join(',');
  const system = [
    `You judge LinkedIn posts as openers for a conversation, against the post rubric "${name}" (version ${rubric.version}).`,
    ...(description ? [description] : []),
    '',
    'For every post, give every criterion a number of points within its range, judged only',
    "from the post's words (and, for a repost, the original's); give 0 when nothing supports",
    'it. As evidence, copy up to 3 short phrases from the post that earned or cost the points.',
    '',
    'Criteria:',
    ...criteria.map(criterionBlock),
    '',
    'Answer with JSON only, one item per post, naming each post by the "id" it was given:',
    `{"posts":[{"id":"<post id>","criteria":{${shape}}}]}`,
  ].join('\n');
  return { system, sha256: createHash('sha256').update(system).digest('hex') };
}

/** The posts as the model sees them: ID and words, nothing else (no names, no links). */
export function postsMessage(posts: Post[]): string {
  const items = posts.map((post) => ({
    id: post.id,
    ...(post.text ? { text: post.text.slice(0, textLimit) } : {}),
    ...(post.isRepost ? { repost: true } : {}),
    ...(post.originalText ? { originalText: post.originalText.slice(0, textLimit) } : {}),
  }));
  return JSON.stringify({ posts: items });
}

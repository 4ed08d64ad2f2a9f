import { z } from 'zod';
import { isValidTimeZone } from '../../clock.ts';
import type { Post } from '../../posts/post.ts';
import { postRubricSchema } from '../../posts/post-rubric.ts';
import type { PostRubricVersion } from '../../posts/post-rubric-store.ts';
import type { PostScoreDetail } from '../../posts/post-scorer.ts';

const text = z.string().nullable();
const count = z.number().int().nullable();

/** A lead's post as the API shows it, with its score and the reasons for it. */
export const leadPostSchema = z
  .object({
    id: z.string().describe('LinkedIn activity ID, kept as a string of digits'),
    url: z.string(),
    authorName: text,
    isRepost: z.boolean(),
    originalAuthorName: text,
    text,
    originalText: text,
    postedAt: text,
    likes: count,
    comments: count,
    reposts: count,
    score: z.number().nullable(),
    scoreStatus: z.enum(['pending', 'scored', 'failed']),
    reasons: z.array(z.string()),
    scoredRubricVersion: z.number().int().nullable(),
    scorer: text,
    actionedAt: text,
  })
  .meta({ id: 'LeadPost' });

export type LeadPostView = z.infer<typeof leadPostSchema>;

export function leadPostView(post: Post): LeadPostView {
  const detail = post.scoreDetail as PostScoreDetail | null;
  return {
    id: post.id,
    url: post.url,
    authorName: post.authorName,
    isRepost: post.isRepost,
    originalAuthorName: post.originalAuthorName,
    text: post.text,
    originalText: post.originalText,
    postedAt: post.postedAt,
    likes: post.likes,
    comments: post.comments,
    reposts: post.reposts,
    score: post.score,
    scoreStatus: post.scoreStatus,
    reasons: detail?.reasons ?? [],
    scoredRubricVersion: post.scoredRubricVersion,
    scorer: post.scorer,
    actionedAt: post.actionedAt,
  };
}

/** A post worth opening a conversation with (src/posts/top-posts.ts `TopPost`). */
export const topPostSchema = z
  .object({
    postId: z.string(),
    leadId: text,
    leadName: text,
    authorKey: z.string(),
    authorName: text,
    isRepost: z.boolean(),
    originalAuthorName: text,
    text: z.string(),
    url: z.string(),
    postedAt: text,
    score: z.number(),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'TopPost' });

export const postRubricVersionSchema = z
  .object({
    version: z.number().int(),
    current: z.boolean(),
    note: text,
    createdAt: z.string(),
    rubric: postRubricSchema,
  })
  .meta({ id: 'PostRubricVersion' });

export function postRubricVersionView(
  version: PostRubricVersion,
  current: PostRubricVersion | undefined,
) {
  return { ...version, current: version.version === current?.version };
}

/** The form fields a posts upload may carry next to its one file (as `leadbase posts import`). */
export const postUploadFieldsSchema = z.strictObject({
  format: z.enum(['auto', 'apify', 'phantombuster']).optional(),
  timeZone: z
    .string()
    .max(100)
    .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Paris')
    .optional()
    .describe('zone of times written without an offset, if not the one the tool documents'),
});

/** What a posts import reports (src/posts/posts-import.ts `PostImportReport`). */
export const postImportReportSchema = z
  .object({
    fileName: z.string(),
    format: z.enum(['apify', 'phantombuster']),
    items: z.number().int(),
    posts: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    repeats: z.number().int(),
    dropped: z.number().int(),
    rejected: z.number().int(),
    rejections: z.array(
      z.object({
        record: z.number().int(),
        code: z.string(),
        reason: z.string(),
        raw: z.string().optional(),
      }),
    ),
    linkedLeads: z.number().int(),
    unlinkedPosts: z.number().int(),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'PostImportReport' });

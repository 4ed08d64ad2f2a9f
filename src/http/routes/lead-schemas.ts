import { z } from 'zod';
import type { LeadDetail } from '../../leads/lead-detail.ts';
import { leadPostSchema, leadPostView } from './post-schemas.ts';

const text = z.string().nullable();

/** A lead as the API shows it (src/leads/lead.ts `Lead`). */
export const leadSchema = z
  .object({
    id: z.string(),
    identities: z.array(z.string()),
    fullName: text,
    firstName: text,
    lastName: text,
    headline: text,
    position: text,
    company: text,
    location: text,
    industry: text,
    about: text,
    email: text,
    phone: text,
    profileUrl: text,
    salesNavUrl: text,
    connectedOn: text,
    connectionStatus: z.enum(['connected', 'pending', 'not_connected', 'unknown']),
    memberDistance: z.number().nullable(),
    status: z.string(),
    priority: text,
    tags: z.array(z.string()),
    followUpOn: text,
    doNotContact: z.boolean(),
    extra: z.record(z.string(), z.unknown()),
    sources: z.array(z.string()),
    manualFields: z.array(z.string()),
    version: z.number().int(),
    score: z.number().nullable(),
    scoreStatus: z.enum(['pending', 'scored', 'failed', 'disqualified', 'unqualified']),
    scoreDetail: z.unknown(),
    scoredAt: text,
    scoredRubricVersion: z.number().int().nullable(),
    scorer: text,
    profileChangedAt: text.describe(
      'when a field the scorer reads last changed; a score older than that is stale',
    ),
    stagedAt: text,
    invitedOn: text,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Lead' });

/** What a lead's posts are worth (src/leads/lead-detail.ts `LeadPostRelevance`). */
const leadPostRelevanceSchema = z
  .object({
    score: z.number().describe("the best scored post's score: the lead's post relevance"),
    scoredAt: text.describe('when the best post got its score'),
    bestPost: leadPostSchema,
  })
  .meta({ id: 'LeadPostRelevance' });

/** A lead as its own page shows it: every field, and its post relevance (null until scored). */
export const leadDetailSchema = leadSchema
  .extend({ postRelevance: leadPostRelevanceSchema.nullable() })
  .meta({ id: 'LeadDetail' });

export function leadDetailView(lead: LeadDetail): z.infer<typeof leadDetailSchema> {
  const relevance = lead.postRelevance;
  return {
    ...lead,
    postRelevance: relevance && { ...relevance, bestPost: leadPostView(relevance.bestPost) },
  };
}

/** A lead as a list of search results shows it (src/leads/lead-list-item.ts `LeadListItem`). */
export const leadListItemSchema = leadSchema
  .pick({
    id: true,
    fullName: true,
    headline: true,
    position: true,
    company: true,
    location: true,
    profileUrl: true,
    connectionStatus: true,
    status: true,
    priority: true,
    tags: true,
    followUpOn: true,
    doNotContact: true,
    version: true,
    score: true,
    scoreStatus: true,
    scoredAt: true,
    stagedAt: true,
    invitedOn: true,
    createdAt: true,
    updatedAt: true,
  })
  .meta({ id: 'LeadListItem' });

/** A lead id, or any LinkedIn reference to the lead (a profile URL, URL-encoded in the path). */
export const leadIdParamsSchema = z.strictObject({ leadId: z.string().min(1).max(2000) });

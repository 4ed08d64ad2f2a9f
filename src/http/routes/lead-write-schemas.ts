import { z } from 'zod';
import { AppError } from '../../errors.ts';

/** Bodies of the routes that change leads: one schema per input, unknown fields refused. */

/** Optional text; a blank one clears the field (stored as null). */
const text = (max: number) => z.string().trim().max(max).nullable().optional();

const email = z
  .string()
  .trim()
  .max(320)
  .refine((value) => value === '' || z.email().safeParse(value).success, {
    message: 'must be an email address',
  })
  .meta({ description: 'An email address; a blank one clears the field' });

const editShape = {
  fullName: text(300),
  firstName: text(200),
  lastName: text(200),
  headline: text(1000),
  position: text(500),
  company: text(500),
  location: text(300),
  industry: text(300),
  about: text(20_000),
  email: email.nullable().optional(),
  phone: text(60),
  connectionStatus: z.enum(['connected', 'pending', 'not_connected', 'unknown']).optional(),
  status: z.string().trim().min(1).max(60).optional(),
  priority: text(60),
  tags: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
  doNotContact: z.boolean().optional(),
};

export const leadEditsSchema = z
  .strictObject(editShape)
  .refine((edits) => Object.keys(edits).length > 0, { message: 'name at least one field' })
  .meta({ id: 'LeadEdits' });

export const newLeadSchema = z
  .strictObject({
    profileUrl: z.string().trim().min(1).max(2000),
    salesNavUrl: z.string().trim().min(1).max(2000).nullable().optional(),
    ...editShape,
  })
  .meta({ id: 'NewLead' });

export const bulkLeadUpdateSchema = z
  .strictObject({
    ids: z.array(z.string().min(1).max(200)).min(1).max(1000),
    status: editShape.status,
    priority: editShape.priority,
    addTags: editShape.tags,
    removeTags: editShape.tags,
  })
  .refine((change) => Object.keys(change).length > 1, {
    message: 'name a change: status, priority, addTags or removeTags',
  });

export const bulkUpdateResultSchema = z.object({
  updated: z.array(z.string()),
  unchanged: z.array(z.string()),
  notFound: z.array(z.string()),
});

export const ifMatchHeadersSchema = z.looseObject({
  'if-match': z.string().max(100).optional(),
});

/** The lead version an `If-Match` header names: `"3"`, `W/"3"` or `3`. */
export function versionOfIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) {
    // The header is quoted as sent: an ETag carries its own quotes ("3").
    throw new AppError(
      'precondition_failed',
      `If-Match ${header.trim()} does not name a lead version; send the lead's ETag, like "3"`,
    );
  }
  return Number(match[1]);
}

/** Like `versionOfIfMatch`, for the changes that must name the version they were made on. */
export function requiredVersion(header: string | undefined): number {
  const version = versionOfIfMatch(header);
  if (version === undefined) {
    throw new AppError(
      'precondition_failed',
      'an If-Match header with the lead version (its ETag) is required to change a lead',
    );
  }
  return version;
}

export function leadEtag(lead: { version: number }): string {
  return `"${lead.version}"`;
}

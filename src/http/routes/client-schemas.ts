import { z } from 'zod';
import { clientSettingsSchema, settingsChangeSchema } from '../../clients/client-settings.ts';

export const serviceLevelSchema = z.enum(['leads', 'leads+posts']);

export const clientSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['active', 'paused']),
    serviceLevel: serviceLevelSchema,
    timeZone: z.string(),
    stream: z.string().nullable(),
    settings: clientSettingsSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Client' });

export const newClientSchema = z.strictObject({
  name: z.string().min(1).max(200),
  id: z.string().min(1).max(64).optional(),
  timeZone: z.string().min(1).optional(),
  serviceLevel: serviceLevelSchema.optional(),
  stream: z.string().min(1).max(100).nullable().optional(),
  settings: settingsChangeSchema.optional(),
});

export const clientIdParamsSchema = z.strictObject({ clientId: z.string().min(1).max(64) });

import { z } from 'zod';
import { type ClientSettings, defaultClientSettings } from '../../clients/client.ts';

const settingNames = Object.keys(defaultClientSettings) as (keyof ClientSettings)[];

function settingValue(name: keyof ClientSettings) {
  const value = z.number().min(0);
  return name === 'scoreThreshold' || name === 'postScoreThreshold' ? value.max(100) : value;
}

export const clientSettingsSchema = z.object(
  Object.fromEntries(settingNames.map((name) => [name, settingValue(name)])) as Record<
    keyof ClientSettings,
    z.ZodNumber
  >,
);

/** A change of settings: any subset of the known settings, nothing else. */
export const settingsChangeSchema = z.strictObject(
  Object.fromEntries(settingNames.map((name) => [name, settingValue(name).optional()])) as Record<
    keyof ClientSettings,
    z.ZodOptional<z.ZodNumber>
  >,
);

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

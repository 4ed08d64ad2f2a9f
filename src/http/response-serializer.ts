import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Keeps only what a response schema names, recursively; values are already typed by TS. */
type Projection = (value: unknown) => unknown;

const passThrough: Projection = (value) => value;

const leafTypes = [
  z.ZodString,
  z.ZodNumber,
  z.ZodBoolean,
  z.ZodEnum,
  z.ZodLiteral,
  z.ZodUnknown,
  z.ZodAny,
  z.ZodNull,
];

function objectProjection(schema: z.ZodObject): Projection | undefined {
  const fields: [string, Projection][] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    const projection = projectionOf(field as z.ZodType);
    if (!projection) return undefined;
    fields.push([key, projection]);
  }
  return (value) => {
    if (value === null || typeof value !== 'object') return value;
    const source = value as Record<string, unknown>;
    const kept: Record<string, unknown> = {};
    for (const [key, projection] of fields) {
      if (source[key] !== undefined) kept[key] = projection(source[key]);
    }
    return kept;
  };
}

function containerProjection(schema: z.ZodType): Projection | undefined {
  if (schema instanceof z.ZodArray) {
    const item = projectionOf(schema.element as z.ZodType);
    return item && ((value) => (Array.isArray(value) ? value.map(item) : value));
  }
  if (schema instanceof z.ZodRecord) {
    const item = projectionOf(schema.valueType as z.ZodType);
    if (!item) return undefined;
    return (value) =>
      value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, item(entry)]))
        : value;
  }
  if (
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodDefault
  ) {
    const inner = projectionOf(schema.unwrap() as z.ZodType);
    return inner && ((value) => (value === null || value === undefined ? value : inner(value)));
  }
  return undefined;
}

/** A projection for the schemas whose output is their input; undefined for any other. */
function projectionOf(schema: z.ZodType): Projection | undefined {
  if (leafTypes.some((type) => schema instanceof type)) return passThrough;
  if (schema instanceof z.ZodObject) return objectProjection(schema);
  return containerProjection(schema);
}

/**
 * Serializes responses by their zod schema. Where a schema is plain data (objects, arrays,
 * nullables, leaves) the answer is projected onto the schema's fields and stringified: unknown
 * fields never leave the server, at a fraction of a full zod encode's cost on large pages.
 * Schemas with transforms, unions or refinements go through the zod encoder.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const schema = route.schema;
  const projection = schema instanceof z.ZodType ? projectionOf(schema) : undefined;
  if (!projection)
    return zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
  return (data) => JSON.stringify(projection(data));
};

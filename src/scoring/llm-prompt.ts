import { createHash } from 'node:crypto';
import type { Lead } from '../leads/lead.ts';
import { leadTexts } from './lead-text.ts';
import type { RubricAttribute } from './rubric.ts';
import type { RubricVersion } from './rubric-store.ts';

/** Bumped whenever the wording below changes, so old and new prompts never share a hash. */
export const promptTemplate = 'leadbase-lead-scoring/1';

/** Longest stretch of a lead's "about" text sent; the rest rarely changes a score. */
const aboutLimit = 1500;

export interface ScoringPrompt {
  system: string;
  /** sha256 of the system prompt (template and rubric version), recorded with every score. */
  sha256: string;
}

function range(attribute: RubricAttribute): string {
  if (attribute.kind === 'positive') {
    return `positive, whole points 0 to ${attribute.max}${attribute.bonus ? ' (bonus)' : ''}`;
  }
  const rule = attribute.disqualifying ? '; any points below 0 disqualify the lead' : '';
  return `negative, whole points -${attribute.penalty} to 0${rule}`;
}

function attributeBlock(attribute: RubricAttribute): string {
  const lines = [
    `- ${attribute.id} "${attribute.label}": ${range(attribute)}.`,
    `  Look for: ${attribute.instructions}`,
    `  Signals: ${attribute.signals.map((s) => `"${s.phrase}" (${s.weight})`).join(', ')}`,
  ];
  if (attribute.exclude.length > 0) {
    lines.push(
      `  Not when the words come with: ${attribute.exclude.map((e) => `"${e}"`).join(', ')}`,
    );
  }
  if (attribute.minToQualify !== undefined) {
    lines.push(`  A lead needs at least ${attribute.minToQualify} here to qualify.`);
  }
  for (const example of attribute.examples) {
    const why = example.why ? ` (${example.why})` : '';
    lines.push(`  Example: "${example.profile}" -> ${example.points}${why}`);
  }
  return lines.join('\n');
}

/** The instructions for one rubric version; the same for every batch scored against it. */
export function scoringPrompt(rubric: RubricVersion): ScoringPrompt {
  const { name, description, attributes } = rubric.rubric;
  const shape = attributes.map((a) => `"${a.id}":{"points":0,"evidence":["..."]}`).join(',');
  const system = [
    `You score sales leads against the rubric "${name}" (version ${rubric.version}).`,
    ...(description ? [description] : []),
    '',
    'For every lead, give every attribute a whole number of points within its range, judged',
    "only from the lead's own text; give 0 when nothing supports it. As evidence, copy up to 3",
    "short phrases from the lead's text that earned or cost the points.",
    '',
    'Attributes:',
    ...attributes.map(attributeBlock),
    '',
    'Answer with JSON only, one item per lead, naming each lead by the "id" it was given:',
    `{"leads":[{"id":"<lead id>","attributes":{${shape}}}]}`,
  ].join('\n');
  return { system, sha256: createHash('sha256').update(system).digest('hex') };
}

/** The leads as the model sees them: ID and profile text, nothing else (no names, no contacts). */
export function leadsMessage(leads: Lead[]): string {
  const items = leads.map((lead) => {
    const texts = leadTexts(lead);
    const fields = Object.entries({ ...texts, about: texts.about.slice(0, aboutLimit) }).filter(
      ([, value]) => value.trim() !== '',
    );
    return { id: lead.id, ...Object.fromEntries(fields) };
  });
  return JSON.stringify({ leads: items });
}

import { leadTextFields, type Rubric, type RubricAttribute } from './rubric-types.ts';

/**
 * A lead rubric as the form edits it: numbers as the text typed (so a half-typed value is
 * never lost or silently changed), lists as rows with a stable key for React.
 */
export interface SignalDraft {
  key: string;
  phrase: string;
  weight: string;
  /** A signal's own fields are kept as loaded; the form edits the attribute's. */
  fields?: string[];
}

export interface ExampleDraft {
  key: string;
  profile: string;
  points: string;
  why: string;
}

export interface AttributeDraft {
  key: string;
  id: string;
  kind: 'positive' | 'negative';
  label: string;
  /** The max of a positive attribute, the penalty of a negative one. */
  limit: string;
  bonus: boolean;
  disqualifying: boolean;
  minToQualify: string;
  instructions: string;
  fields: string[];
  /** One phrase a line. */
  exclude: string;
  signals: SignalDraft[];
  examples: ExampleDraft[];
}

export interface RubricDraft {
  name: string;
  description: string;
  attributes: AttributeDraft[];
}

let nextKey = 0;
export function rowKey(): string {
  nextKey += 1;
  return `row-${nextKey}`;
}

const numberText = (value: number | undefined) => (value === undefined ? '' : String(value));

export function blankSignal(): SignalDraft {
  return { key: rowKey(), phrase: '', weight: '' };
}

export function blankExample(): ExampleDraft {
  return { key: rowKey(), profile: '', points: '', why: '' };
}

export function blankAttribute(id: string): AttributeDraft {
  return {
    key: rowKey(),
    id,
    kind: 'positive',
    label: '',
    limit: '',
    bonus: false,
    disqualifying: false,
    minToQualify: '',
    instructions: '',
    fields: [...leadTextFields],
    exclude: '',
    signals: [blankSignal()],
    examples: [],
  };
}

export function blankDraft(): RubricDraft {
  return { name: '', description: '', attributes: [blankAttribute('A')] };
}

function attributeDraft(attribute: RubricAttribute): AttributeDraft {
  return {
    key: rowKey(),
    id: attribute.id,
    kind: attribute.kind,
    label: attribute.label,
    limit: numberText(attribute.kind === 'positive' ? attribute.max : attribute.penalty),
    bonus: attribute.kind === 'positive' && attribute.bonus === true,
    disqualifying: attribute.kind === 'negative' && attribute.disqualifying === true,
    minToQualify: numberText(attribute.minToQualify),
    instructions: attribute.instructions,
    fields: attribute.fields ?? [...leadTextFields],
    exclude: (attribute.exclude ?? []).join('\n'),
    signals: attribute.signals.map((signal) => ({
      key: rowKey(),
      phrase: signal.phrase,
      weight: numberText(signal.weight),
      ...(signal.fields ? { fields: signal.fields } : {}),
    })),
    examples: (attribute.examples ?? []).map((example) => ({
      key: rowKey(),
      profile: example.profile,
      points: numberText(example.points),
      why: example.why ?? '',
    })),
  };
}

export function draftOf(rubric: Rubric): RubricDraft {
  return {
    name: rubric.name,
    description: rubric.description ?? '',
    attributes: rubric.attributes.map(attributeDraft),
  };
}

/**
 * A typed number as the API should see it: nothing when blank (the API says it is required),
 * the number when it is one, and the text itself otherwise, so the API names the field.
 */
function typedNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return (Number.isFinite(value) ? value : trimmed) as number;
}

export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function attributeOf(draft: AttributeDraft): RubricAttribute {
  const common = {
    id: draft.id.trim(),
    label: draft.label,
    instructions: draft.instructions,
    fields: draft.fields,
    exclude: lines(draft.exclude),
    signals: draft.signals.map((signal) => ({
      phrase: signal.phrase,
      weight: typedNumber(signal.weight) as number,
      ...(signal.fields ? { fields: signal.fields } : {}),
    })),
    examples: draft.examples.map((example) => ({
      profile: example.profile,
      points: typedNumber(example.points) as number,
      ...(example.why.trim() === '' ? {} : { why: example.why }),
    })),
    ...(draft.minToQualify.trim() === ''
      ? {}
      : { minToQualify: typedNumber(draft.minToQualify) as number }),
  };
  const limit = typedNumber(draft.limit) as number;
  return draft.kind === 'positive'
    ? { ...common, kind: 'positive', max: limit, bonus: draft.bonus }
    : { ...common, kind: 'negative', penalty: limit, disqualifying: draft.disqualifying };
}

/** The rubric the API is sent for a draft. */
export function rubricOf(draft: RubricDraft): Rubric {
  return {
    name: draft.name,
    ...(draft.description.trim() === '' ? {} : { description: draft.description }),
    attributes: draft.attributes.map(attributeOf),
  };
}

/** An ID not used yet by the draft's attributes: the next letter, or N<n> for a negative. */
export function freshAttributeId(draft: RubricDraft): string {
  const used = new Set(draft.attributes.map((attribute) => attribute.id.toUpperCase()));
  // N is skipped: N<n> names the negative attributes by convention.
  for (const letter of 'ABCDEFGHIJKLMOPQRSTUVWXYZ') if (!used.has(letter)) return letter;
  let n = 1;
  while (used.has(`N${n}`)) n += 1;
  return `N${n}`;
}

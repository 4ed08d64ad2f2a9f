import { roundTo2 } from './formula.ts';
import { type LeadTextField, type LeadTexts, leadTextFields } from './lead-text.ts';
import type { Rubric, RubricAttribute } from './rubric.ts';
import type { AttributePoints, Evidence } from './score-detail.ts';
import {
  findPhrase,
  joined,
  type PhraseMatch,
  phraseWords,
  type TokenizedText,
  tokenize,
} from './text-match.ts';

interface CompiledSignal {
  phrase: string;
  words: string[];
  weight: number;
  fields: ReadonlySet<LeadTextField>;
}

interface CompiledAttribute {
  attribute: RubricAttribute;
  signals: CompiledSignal[];
  excluded: string[][];
}

interface Candidate {
  signal: CompiledSignal;
  field: LeadTextField;
  firstToken: number;
  lastToken: number;
  text: string;
  /** An excluded phrase touches it ("former CFO"); it still holds its words, but earns nothing. */
  cancelled: boolean;
}

export type TokenizedLead = Record<LeadTextField, TokenizedText>;

const compiledRubrics = new WeakMap<Rubric, CompiledAttribute[]>();

function compile(rubric: Rubric): CompiledAttribute[] {
  const cached = compiledRubrics.get(rubric);
  if (cached) return cached;
  const compiled = rubric.attributes.map((attribute) => ({
    attribute,
    signals: attribute.signals.map((signal) => ({
      phrase: signal.phrase,
      words: phraseWords(signal.phrase),
      weight: signal.weight,
      fields: new Set(signal.fields ?? attribute.fields),
    })),
    excluded: attribute.exclude.map(phraseWords),
  }));
  compiledRubrics.set(rubric, compiled);
  return compiled;
}

export function tokenizeLead(texts: LeadTexts): TokenizedLead {
  const entries = leadTextFields.map((field) => [field, tokenize(texts[field])] as const);
  return Object.fromEntries(entries) as TokenizedLead;
}

/** An excluded phrase cancels a match it overlaps or comes right before ("ex-CFO"). */
function cancels(text: TokenizedText, excluded: PhraseMatch, match: PhraseMatch): boolean {
  const overlaps = excluded.firstToken <= match.lastToken && match.firstToken <= excluded.lastToken;
  return overlaps || joined(text, excluded.lastToken, match.firstToken);
}

/** Every match of the attribute's signals, marked when an excluded phrase cancels it. */
function candidates(compiled: CompiledAttribute, lead: TokenizedLead): Candidate[] {
  const found: Candidate[] = [];
  for (const field of leadTextFields) {
    const text = lead[field];
    if (text.tokens.length === 0) continue;
    const excluded = compiled.excluded.flatMap((words) => findPhrase(text, words));
    for (const signal of compiled.signals) {
      if (!signal.fields.has(field)) continue;
      for (const match of findPhrase(text, signal.words)) {
        const cancelled = excluded.some((phrase) => cancels(text, phrase, match));
        found.push({ signal, field, ...match, cancelled });
      }
    }
  }
  return found;
}

/**
 * Keeps the longest match where matches overlap ("head of procurement" over "procurement"), so
 * the same words never pay twice, and a cancelled "former co-founder" takes "founder" with it.
 * Then one match per signal: the first by field and position.
 */
function countedMatches(found: Candidate[]): Candidate[] {
  const span = (candidate: Candidate) => candidate.lastToken - candidate.firstToken;
  const bySize = [...found].sort(
    (a, b) => span(b) - span(a) || b.signal.weight - a.signal.weight || a.firstToken - b.firstToken,
  );
  const kept: Candidate[] = [];
  for (const candidate of bySize) {
    const overlaps = kept.some(
      (other) =>
        other.field === candidate.field &&
        other.firstToken <= candidate.lastToken &&
        candidate.firstToken <= other.lastToken,
    );
    if (!overlaps) kept.push(candidate);
  }
  const earning = kept.filter((candidate) => !candidate.cancelled);

  const fieldOrder = (field: LeadTextField) => leadTextFields.indexOf(field);
  earning.sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field) || a.firstToken - b.firstToken);
  const perSignal = new Map<CompiledSignal, Candidate>();
  for (const candidate of earning) {
    if (!perSignal.has(candidate.signal)) perSignal.set(candidate.signal, candidate);
  }
  return [...perSignal.values()];
}

function attributePoints(compiled: CompiledAttribute, lead: TokenizedLead): AttributePoints {
  const counted = countedMatches(candidates(compiled, lead));
  const evidence: Evidence[] = counted.map((match) => ({
    field: match.field,
    text: match.text,
    signal: match.signal.phrase,
    weight: match.signal.weight,
  }));
  const earned = roundTo2(counted.reduce((total, match) => total + match.signal.weight, 0));

  const { attribute } = compiled;
  const base = { id: attribute.id, label: attribute.label, evidence };
  if (attribute.kind === 'positive') {
    const points = Math.min(earned, attribute.max);
    return { ...base, kind: 'positive', max: attribute.max, bonus: attribute.bonus, points };
  }
  const points = earned === 0 ? 0 : -Math.min(earned, attribute.penalty);
  return {
    ...base,
    kind: 'negative',
    penalty: attribute.penalty,
    disqualifying: attribute.disqualifying,
    points,
  };
}

/** Each attribute's points and the words that earned them, in rubric order. */
export function matchSignals(rubric: Rubric, lead: TokenizedLead): AttributePoints[] {
  return compile(rubric).map((compiled) => attributePoints(compiled, lead));
}

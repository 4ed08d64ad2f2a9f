/**
 * Reading a model's raw reply as one JSON value. Only unambiguous repairs are made (BR-14): the
 * JSON is taken out of code fences or surrounding prose, and raw control characters inside its
 * strings are escaped. A reply that is cut off, holds no JSON or holds more than one JSON value
 * is not guessed at: it is reported, so the caller retries or fails the leads.
 */

export type ReplyProblem = 'empty' | 'truncated' | 'no_json' | 'ambiguous';

export type ExtractedReply =
  | { ok: true; value: unknown; repaired: boolean }
  | { ok: false; problem: ReplyProblem; message: string };

interface Candidate {
  value: unknown;
  start: number;
  end: number;
  repaired: boolean;
}

type Scan = { kind: 'balanced'; end: number; text: string; repaired: boolean } | { kind: 'cut' };

const closers: Record<string, string> = { '{': '}', '[': ']' };

/** Escapes a raw control character found inside a JSON string. */
function escapeControl(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Walks one JSON object or array starting at `start`, string-aware, escaping raw control
 * characters in strings. Returns its text, `cut` if the text ends first, or undefined when the
 * brackets do not match (so it is prose, not JSON).
 */
function scanValue(text: string, start: number): Scan | undefined {
  const expected: string[] = [];
  let out = '';
  let inString = false;
  let repaired = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i]!;
    if (inString) {
      if (char === '\\') {
        out += char + (text[i + 1] ?? '');
        i += 1;
        continue;
      }
      if (char === '"') inString = false;
      if (char < ' ') repaired = true;
      out += char < ' ' ? escapeControl(char) : char;
      continue;
    }
    out += char;
    if (char === '"') inString = true;
    else if (char in closers) expected.push(closers[char]!);
    else if (char === '}' || char === ']') {
      if (expected.pop() !== char) return undefined;
      if (expected.length === 0) return { kind: 'balanced', end: i + 1, text: out, repaired };
    }
  }
  return { kind: 'cut' };
}

function parse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Every complete JSON object or array in `text`, or `cut` when one runs past the end. */
function findCandidates(text: string): Candidate[] | 'cut' {
  const found: Candidate[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (!(text[i]! in closers)) continue;
    const scan = scanValue(text, i);
    if (scan === undefined) continue;
    if (scan.kind === 'cut') return 'cut';
    const parsed = parse(scan.text);
    if (parsed === undefined) continue;
    found.push({ value: parsed.value, start: i, end: scan.end, repaired: scan.repaired });
    i = scan.end - 1;
  }
  return found;
}

/** The one JSON value in a model's reply, repaired where that is unambiguous. */
export function extractJson(raw: string, finishReason: string | null): ExtractedReply {
  const text = raw.trim();
  if (finishReason === 'length') {
    return { ok: false, problem: 'truncated', message: 'the reply was cut off at max tokens' };
  }
  if (text === '') return { ok: false, problem: 'empty', message: 'the reply is empty' };

  const candidates = findCandidates(text);
  if (candidates === 'cut') {
    return { ok: false, problem: 'truncated', message: 'the reply ends inside its JSON' };
  }
  if (candidates.length === 0) {
    return { ok: false, problem: 'no_json', message: 'the reply holds no JSON object' };
  }
  if (candidates.length > 1) {
    const message = `the reply holds ${candidates.length} JSON values; none is picked`;
    return { ok: false, problem: 'ambiguous', message };
  }

  const only = candidates[0]!;
  const wrapped = only.start > 0 || only.end < text.length;
  return { ok: true, value: only.value, repaired: wrapped || only.repaired };
}

/**
 * A number the model wrote, as a number: JSON numbers as they are, and plain decimal strings
 * ("85", "-3", "2.5") read as the number they spell. Anything else is not a number.
 */
export function numberValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

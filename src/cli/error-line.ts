import { isAppError } from '../errors.ts';

/** Keeps a message on one line, whatever a file or a library put in it. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * The lines the CLI writes on stderr for a failed command: exactly one, `error: …`, plus the
 * stack of an unexpected error when LEADBASE_DEBUG=1.
 */
export function errorLines(error: unknown, debug: boolean): string[] {
  if (isAppError(error)) return [`error: ${oneLine(error.message)}`];

  const message = error instanceof Error ? error.message : String(error);
  const line = `error: unexpected failure: ${oneLine(message)}`;
  if (!debug) return [`${line} (set LEADBASE_DEBUG=1 for details)`];
  const stack = error instanceof Error && error.stack ? error.stack : message;
  return [line, stack];
}

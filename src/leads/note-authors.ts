import type { AccessTokenInfo } from '../auth/access-token.ts';
import type { Note } from './notes.ts';

/** A note with a name a person can read for its author, resolved when the note is read. */
export interface NamedNote extends Note {
  /** The author's token label, or a readable stand-in; null when the note has no author. */
  authorName: string | null;
}

/** The token id an author names (`token:<id>`, `admin:<id>`), or null for any other author. */
export function authorTokenId(author: string | null): string | null {
  const match = author === null ? null : /^(?:token|admin):(.+)$/.exec(author);
  return match ? match[1]! : null;
}

/**
 * A readable name for a note's author: a client token's label, else the client's name; an admin
 * token is always "an administrator" (its label is the coach's own, e.g. "ops laptop", and the
 * client reads these notes). A token of another client is never described: its raw author is kept.
 */
function authorNameOf(
  author: string | null,
  tokens: ReadonlyMap<string, AccessTokenInfo>,
  client: { id: string; name: string },
): string | null {
  const tokenId = authorTokenId(author);
  if (tokenId === null) return author;
  const token = tokens.get(tokenId);
  if (!token) return 'a deleted access token';
  if (token.kind === 'admin') return 'an administrator';
  if (token.clientId !== client.id) return author;
  if (token.label !== null && token.label.trim() !== '') return token.label.trim();
  return `${client.name} (unnamed access token)`;
}

/** The notes with their authors named, given the tokens their authors name. */
export function nameNoteAuthors(
  notes: Note[],
  tokens: AccessTokenInfo[],
  client: { id: string; name: string },
): NamedNote[] {
  const byId = new Map(tokens.map((token) => [token.id, token]));
  return notes.map((note) => ({ ...note, authorName: authorNameOf(note.author, byId, client) }));
}

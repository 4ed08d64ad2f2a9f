/**
 * The canonical LinkedIn profile key (DESIGN.md, "Identity of a lead"). Every path that turns a
 * LinkedIn reference into a key goes through `parseProfileRef`.
 */

export type IdentityKind = 'in' | 'mid' | 'pub';

export interface ProfileKey {
  kind: IdentityKind;
  /** The identity as stored: `in:<slug>`, `mid:<id>` or `pub:<path>`. */
  key: string;
}

export type ProfileRefFailure =
  | 'empty'
  | 'not_linkedin'
  | 'not_a_person'
  | 'mangled_member_id'
  | 'malformed';

export type ProfileRefResult =
  | { ok: true; value: ProfileKey }
  | { ok: false; reason: ProfileRefFailure };

/** Member and Sales Navigator IDs: `ACwAA…` / `ACoAA…`, base64url, case-sensitive. */
const memberIdPattern = /^AC[ow]AA[A-Za-z0-9_-]{20,}$/;
/** The same shape in the wrong case: a spreadsheet or a tool lower- or upper-cased it. */
const mangledMemberIdPattern = /^ac[ow]aa[a-z0-9_-]{20,}$/i;
const keyPattern = /^(in|mid|pub):(.+)$/s;
/** The spelling most exports write, read without building a URL object (imports parse millions). */
const plainVanityPattern = /^(?:https?:\/\/)?(?:www\.)?linkedin\.com\/in\/([a-z0-9-]+)\/?$/;
/** A fully qualified host may end in a dot (`www.linkedin.com.`): the same host. */
const linkedinHostPattern = /^(?:[a-z0-9-]+\.)*linkedin\.com\.?$/;
/** Path prefixes of LinkedIn's mobile sites, in front of `/in/…`: `/m/in/…`, `/mwlite/in/…`. */
const mobilePrefixes = new Set(['m', 'mwlite']);
/**
 * Characters that render as nothing (zero-width space, joiners, word joiner, byte-order mark,
 * soft hyphen, direction marks): pasted URLs carry them, and they would make a second identity.
 */
const invisibleChars = /\p{Default_Ignorable_Code_Point}/gu;
/** Anything outside printable ASCII, where invisible characters could hide. */
const nonAsciiChar = /[^\x20-\x7e]/;

const fail = (reason: ProfileRefFailure): ProfileRefResult => ({ ok: false, reason });

/** LinkedIn's numeric member ID (LinkedHelper's `member_id`): digits only, kept as text. */
const numericMemberIdPattern = /^[0-9]{1,20}$/;

/**
 * Decodes percent-escapes until stable, so double-encoded slugs meet their plain form. Each
 * round that changes the text shortens it, so the loop ends; running to a fixed point is what
 * makes the key of a key the key itself.
 */
function decodeFully(segment: string): string {
  let current = segment;
  while (current.includes('%')) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) break;
    current = next;
  }
  return current;
}

function withoutInvisible(text: string): string {
  return nonAsciiChar.test(text) ? text.replace(invisibleChars, '') : text;
}

function normaliseSlug(raw: string): string {
  // Plain ASCII has nothing to compose: the common case skips Unicode normalisation.
  if (/^[\x20-\x7e]*$/.test(raw)) return raw.toLowerCase();
  return raw.normalize('NFC').toLowerCase().normalize('NFC');
}

function memberKey(raw: string): ProfileRefResult {
  const id = withoutInvisible(decodeFully(raw)).trim();
  if (memberIdPattern.test(id) || numericMemberIdPattern.test(id)) {
    return { ok: true, value: { kind: 'mid', key: `mid:${id}` } };
  }
  if (mangledMemberIdPattern.test(id)) return fail('mangled_member_id');
  return fail('malformed');
}

/**
 * A slug as LinkedIn could have issued it: letters or digits among its characters, no
 * percent-escape left undecoded (`/in/%`), no space, separator, control or replacement character.
 */
function isPlausibleSlug(slug: string): boolean {
  return slug !== '' && !/[\s/?#%\p{Cc}\uFFFD]/u.test(slug) && /[\p{L}\p{N}]/u.test(slug);
}

function vanityKey(raw: string): ProfileRefResult {
  // Matrix parameters (`jane-xu;x=1`) are not part of the slug; nor are trailing dots, which
  // LinkedIn never issues but sentences glue to a pasted URL ("see /in/jane-xu.").
  const decoded = withoutInvisible(decodeFully(raw)).split(';', 1)[0]!.trim().replace(/\.+$/, '');
  if (memberIdPattern.test(decoded)) return memberKey(decoded);
  if (mangledMemberIdPattern.test(decoded)) return fail('mangled_member_id');
  const slug = normaliseSlug(decoded);
  if (!isPlausibleSlug(slug)) return fail('malformed');
  return { ok: true, value: { kind: 'in', key: `in:${slug}` } };
}

function pubKey(segments: string[]): ProfileRefResult {
  const parts = segments.map((segment) => normaliseSlug(withoutInvisible(decodeFully(segment))));
  if (parts.length === 0 || parts.some((part) => part === '' || /[\s?#]/.test(part))) {
    return fail('malformed');
  }
  return { ok: true, value: { kind: 'pub', key: `pub:${parts.join('/')}` } };
}

function fromKey(kind: string, rest: string): ProfileRefResult {
  if (kind === 'mid') return memberKey(rest);
  if (kind === 'in') return vanityKey(rest);
  return pubKey(rest.split('/').filter((part) => part !== ''));
}

function parseUrl(text: string): URL | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}

/**
 * Turns any LinkedIn reference (a profile URL in any spelling, a Sales Navigator lead URL, a
 * bare member ID, a profile URN, or a key this function made) into its canonical key.
 */
export function parseProfileRef(input: string | null | undefined): ProfileRefResult {
  const text = withoutInvisible(input ?? '').trim();
  if (text === '') return fail('empty');

  const asKey = keyPattern.exec(text);
  if (asKey) return fromKey(asKey[1]!, asKey[2]!);
  const plain = plainVanityPattern.exec(text);
  if (plain) return vanityKey(plain[1]!);

  const urn = /^urn:li:(?:fsd_profile|fs_profile|member|fs_salesProfile):([^,()\s]+)/i.exec(text);
  if (urn) return memberKey(urn[1]!);
  if (memberIdPattern.test(text)) return memberKey(text);
  if (mangledMemberIdPattern.test(text)) return fail('mangled_member_id');

  const url = parseUrl(text);
  if (!url || !/^https?:$/.test(url.protocol)) return fail('not_linkedin');
  if (!linkedinHostPattern.test(url.hostname.toLowerCase())) return fail('not_linkedin');

  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (mobilePrefixes.has(segments[0]?.toLowerCase() ?? '')) segments.shift();
  const section = segments[0]?.toLowerCase();
  if (section === 'in' && segments[1]) return vanityKey(segments[1]);
  if (section === 'pub' && segments.length >= 2) return pubKey(segments.slice(1));
  if (section === 'sales' && (segments[1] === 'lead' || segments[1] === 'people') && segments[2]) {
    // Sales Navigator appends the search context after the ID: `<id>,NAME_SEARCH,abcd`.
    const id = decodeFully(segments[2]).split(',')[0] ?? '';
    return memberKey(id);
  }
  return fail('not_a_person');
}

/**
 * The key of a value a source states is a member ID: LinkedHelper's numeric `member_id`
 * ("802954722"), an `ACoAA…`/`ACwAA…` ID (a Sales Navigator search context after a comma is
 * dropped), or a URL or URN that carries one. A lower-cased `ACwAA…` ID is `mangled_member_id`.
 */
export function memberIdKey(raw: string | number | null | undefined): ProfileRefResult {
  const text = withoutInvisible(String(raw ?? '')).trim();
  if (text === '') return fail('empty');
  if (keyPattern.test(text) || /^(?:urn:|https?:\/\/)|linkedin\.com\//i.test(text)) {
    return parseProfileRef(text);
  }
  return memberKey(text.split(',')[0] ?? '');
}

/** The canonical key of a reference, or null when it names no person. */
export function profileKey(input: string | null | undefined): string | null {
  const result = parseProfileRef(input);
  return result.ok ? result.value.key : null;
}

export function identityKind(key: string): IdentityKind {
  return key.slice(0, key.indexOf(':')) as IdentityKind;
}

/** A LinkedIn URL that opens the person a key names, or null for a numeric member ID. */
export function profileUrlOf(key: string): string | null {
  const kind = identityKind(key);
  const value = key.slice(kind.length + 1);
  if (kind === 'in') return `https://www.linkedin.com/in/${encodeURIComponent(value)}`;
  if (kind === 'pub') {
    return `https://www.linkedin.com/pub/${value.split('/').map(encodeURIComponent).join('/')}`;
  }
  return memberIdPattern.test(value) ? `https://www.linkedin.com/in/${value}` : null;
}

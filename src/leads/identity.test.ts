import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberIdKey, parseProfileRef, profileKey } from './identity.ts';

/** Letters whose upper case lower-cases back to themselves, so a case variant is the same slug. */
const slugChars = [...'abcdefghijklmnopqrstuvwxyz0123456789-éłüøöдж磊王ğşå'];

const slugArb = fc
  .array(fc.constantFrom(...slugChars), { minLength: 3, maxLength: 30 })
  .map((chars) => `x${chars.join('')}`);

const memberIdArb = fc
  .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'), {
    minLength: 34,
    maxLength: 34,
  })
  .map((chars) => `ACwAA${chars.join('')}`);

const randomCase = (text: string, flips: boolean[]) =>
  [...text]
    .map((char, index) => (flips[index % flips.length] ? char.toUpperCase() : char))
    .join('');

/** Characters that show as nothing, which copied URLs carry. */
const invisibleChars = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];

const withInvisible = (text: string, inserts: Array<[number, string]>) =>
  inserts.reduce((result, [at, char]) => {
    const cut = at % (result.length + 1);
    return `${result.slice(0, cut)}${char}${result.slice(cut)}`;
  }, text);

/** Slugs LinkedIn never issues: broken percent-escapes, punctuation or invisible characters only. */
const implausibleSlugArb = fc.oneof(
  fc.constantFrom(
    '%',
    '%E0%A4%A',
    '%zz',
    '100%25',
    '---',
    '...',
    '_',
    '-.-',
    '%E2%80%8B',
    '%EF%BF%BD',
  ),
  fc.string({ unit: fc.constantFrom(..."-_.!*()~'", ...invisibleChars) }),
);

/** Every way the same /in/ profile is spelled in real exports. */
const vanitySpellingArb = (slug: string) =>
  fc
    .record({
      scheme: fc.constantFrom('https://', 'http://', ''),
      host: fc.constantFrom('www.', 'm.', 'de.', 'uk.', 'nl.', ''),
      hostDot: fc.constantFrom('', '.'),
      mobilePath: fc.constantFrom('', '/m', '/mwlite'),
      invisible: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...invisibleChars)), {
        maxLength: 2,
      }),
      params: fc.constantFrom('', ';x=1', ';trk=abc'),
      trailingDot: fc.constantFrom('', '.'),
      flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
      encoding: fc.constantFrom('plain', 'percent', 'double'),
      slash: fc.boolean(),
      subPath: fc.constantFrom(
        '',
        '/details/experience/',
        '/recent-activity/all/',
        '/overlay/contact-info/',
        '/fr',
        '/de',
      ),
      query: fc.constantFrom('', '?utm_source=share&utm_medium=ios_app', '?locale=de_DE'),
      fragment: fc.constantFrom('', '#experience'),
      padding: fc.constantFrom('', '  ', ' \t'),
    })
    .map((v) => {
      const cased = withInvisible(randomCase(slug, v.flips), v.invisible);
      const once = encodeURIComponent(cased);
      const segment =
        v.encoding === 'plain'
          ? cased
          : v.encoding === 'percent'
            ? once
            : once.replace(/%/g, '%25');
      const tail = `${v.params}${v.trailingDot}${v.subPath}`;
      const path = `${v.mobilePath}/in/${segment}${tail}${v.slash && tail === '' ? '/' : ''}`;
      const host = `${v.host}linkedin.com${v.hostDot}`;
      return `${v.padding}${v.scheme}${host}${path}${v.query}${v.fragment}${v.padding}`;
    });

const memberSpellingArb = (id: string) =>
  fc.constantFrom(
    id,
    ` ${id} `,
    `mid:${id}`,
    `https://www.linkedin.com/in/${id}/`,
    `https://www.linkedin.com/sales/lead/${id},NAME_SEARCH,nR7b`,
    `https://www.linkedin.com/sales/lead/${id},NAME_SEARCH,vkMq?_ntb=h3hf%3D%3D`,
    `https://www.linkedin.com/sales/people/${id},name,IOzC`,
    `urn:li:fsd_profile:${id}`,
  );

describe('profile keys', () => {
  it('gives every spelling of one vanity profile the same key', () => {
    fc.assert(
      fc.property(
        slugArb.chain((slug) => fc.tuple(fc.constant(slug), vanitySpellingArb(slug))),
        ([slug, spelling]) => {
          expect(profileKey(spelling)).toBe(`in:${slug.normalize('NFC').toLowerCase()}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps member IDs exactly as given, from every place they appear', () => {
    fc.assert(
      fc.property(
        memberIdArb.chain((id) => fc.tuple(fc.constant(id), memberSpellingArb(id))),
        ([id, spelling]) => {
          expect(profileKey(spelling)).toBe(`mid:${id}`);
        },
      ),
    );
  });

  it('refuses a member ID whose case was changed, and never matches it', () => {
    fc.assert(
      fc.property(memberIdArb, (id) => {
        const lowered = id.toLowerCase();
        expect(parseProfileRef(`https://www.linkedin.com/in/${lowered}/`)).toEqual({
          ok: false,
          reason: 'mangled_member_id',
        });
        expect(memberIdKey(lowered)).toEqual({ ok: false, reason: 'mangled_member_id' });
        expect(memberIdKey(id.toUpperCase())).toEqual({ ok: false, reason: 'mangled_member_id' });
        expect(profileKey(lowered)).toBeNull();
      }),
    );
  });

  it('is idempotent: the key of a key is the key itself', () => {
    const anyRef = fc.oneof(
      slugArb.chain(vanitySpellingArb),
      memberIdArb.chain(memberSpellingArb),
      fc.string({ maxLength: 40 }),
      fc.string({ maxLength: 20 }).map((tail) => `https://www.linkedin.com/in/${tail}`),
      fc.string({ maxLength: 20 }).map((tail) => `in:${tail}`),
      fc.string({ maxLength: 20 }).map((tail) => `linkedin.com/pub/${tail}`),
    );
    fc.assert(
      fc.property(anyRef, (ref) => {
        const key = profileKey(ref);
        if (key !== null) expect(profileKey(key)).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives no key to what is not a LinkedIn person', () => {
    const notAPerson = fc.oneof(
      slugArb.map((slug) => `https://www.linkedin.com/company/${slug}/`),
      slugArb.map((slug) => `https://www.linkedin.com/school/${slug}`),
      slugArb.map((slug) => `https://www.linkedin.com/posts/${slug}_activity-7311845501938765824`),
      fc.constant('https://www.linkedin.com/feed/'),
      fc.constant('https://www.linkedin.com/search/results/people/?keywords=procurement'),
      fc.constant('https://www.linkedin.com/jobs/view/4012345678/'),
      fc.constant('https://www.linkedin.com/sales/search/people?query=(keywords%3AEinkauf)'),
      slugArb.map((slug) => `https://example.com/in/${slug}`),
      slugArb.map((slug) => `https://linkedin.com.evil.example/in/${slug}`),
      slugArb.map((slug) => `ftp://www.linkedin.com/in/${slug}`),
      implausibleSlugArb.map((slug) => `https://www.linkedin.com/in/${slug}`),
      implausibleSlugArb.map((slug) => `in:${slug}`),
      fc
        .string({ maxLength: 40 })
        .filter((text) => !/linkedin|^\s*(in|mid|pub):|^\s*urn:|^\s*AC[a-zA-Z]AA/i.test(text)),
    );
    fc.assert(
      fc.property(notAPerson, (ref) => {
        expect(profileKey(ref)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the real spellings of the connections export', () => {
    expect(
      profileKey('https://www.linkedin.com/in/%25C5%2582ukasz-zieli%25C5%2584ski-14f093'),
    ).toBe('in:łukasz-zieliński-14f093');
    expect(profileKey('https://www.linkedin.com/in/%C4%B0pek-y%C4%B1ld%C4%B1z-55c0e1')).toBe(
      'in:i̇pek-yıldız-55c0e1',
    );
    expect(profileKey('https://www.linkedin.com/pub/bruno-doherty/1a/2b3/4c5')).toBe(
      'pub:bruno-doherty/1a/2b3/4c5',
    );
    expect(parseProfileRef('https://www.linkedin.com/company/lumenfall/')).toEqual({
      ok: false,
      reason: 'not_a_person',
    });
    expect(parseProfileRef('   ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('reads the pasted and mobile spellings found in the wild as the same person', () => {
    const spellings = [
      'https://www.linkedin.com/in/jane-xu.',
      'https://www.linkedin.com/in/jane-xu\u200B',
      'https://www.linkedin.com/in/jane\u2060-xu\uFEFF/',
      'https://www.linkedin.com/in/jane-xu%E2%80%8C',
      'https://www.linkedin.com/in/jane-xu;x=1',
      'https://www.linkedin.com./in/jane-xu',
      'https://www.linkedin.com/mwlite/in/jane-xu',
      'https://www.linkedin.com/m/in/jane-xu/',
      'in:jane-xu.',
    ];
    expect(spellings.map(profileKey)).toEqual(spellings.map(() => 'in:jane-xu'));
    expect(parseProfileRef('https://www.linkedin.com/in/%')).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(profileKey('https://www.linkedin.com/in/-.-')).toBeNull();
  });
});

describe('member ID fields', () => {
  it('keys numeric member IDs, hash IDs and search-context IDs as members', () => {
    expect(memberIdKey('802954722')).toEqual({
      ok: true,
      value: { kind: 'mid', key: 'mid:802954722' },
    });
    expect(memberIdKey(802954722)).toEqual({
      ok: true,
      value: { kind: 'mid', key: 'mid:802954722' },
    });
    expect(profileKey('mid:802954722')).toBe('mid:802954722');
    expect(profileKey('urn:li:member:802954722')).toBe('mid:802954722');
    expect(memberIdKey('ACoAAyeTv5Fu71920TmiGKtVSvXQc9kffpf8i98')).toMatchObject({
      value: { key: 'mid:ACoAAyeTv5Fu71920TmiGKtVSvXQc9kffpf8i98' },
    });
    expect(memberIdKey('ACwAATVwldtGCU6dfYUS4qUvBaczRzw9E8UTjvz,NAME_SEARCH,ZVIE')).toMatchObject({
      value: { key: 'mid:ACwAATVwldtGCU6dfYUS4qUvBaczRzw9E8UTjvz' },
    });
  });

  it('refuses what is not a member ID', () => {
    expect(memberIdKey('')).toEqual({ ok: false, reason: 'empty' });
    expect(memberIdKey('greta-szabo')).toEqual({ ok: false, reason: 'malformed' });
    expect(memberIdKey('acwaanyhja-nkaa9rgz-sutgynldhaqpw0-qeoh')).toEqual({
      ok: false,
      reason: 'mangled_member_id',
    });
    expect(memberIdKey('https://www.linkedin.com/company/6073194/')).toEqual({
      ok: false,
      reason: 'not_a_person',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { personStartLines } from './json-person-lines.ts';
import { linkedHelperInputs, linkedHelperItems } from './linkedhelper.ts';

const person = {
  public_id: 'mara-lind-1a2b3c',
  member_id: '123456789',
  hash_id: 'ACoAAB1c2d3e4f5g6h7i8j9k0lMnOpQrStUvWx',
  profile_url: 'https://www.linkedin.com/in/mara-lind-1a2b3c/',
  full_name: 'Mara Lind',
  first_name: 'Mara',
  last_name: 'Lind',
  headline: 'Buyer at Fjord Freight',
  current_company: 'Fjord Freight',
  current_company_position: 'Buyer',
  member_distance: 'DISTANCE_1',
  badges_premium: 'true',
  mutual_count: '7',
  skills: '["Sourcing", "Contracts"]',
  tags: 'campaign:q4, warm',
  connected_at: '2025.09.01',
  connected_at_iso: '2025-09-02T08:00:00.000Z',
};

describe('LinkedHelper bodies', () => {
  it('reads one person: identities, profile, typed extras, tags', () => {
    const [input] = linkedHelperInputs(person, 5);

    expect(input).toMatchObject({
      record: 5,
      source: 'linkedhelper',
      refs: ['https://www.linkedin.com/in/mara-lind-1a2b3c/', 'in:mara-lind-1a2b3c'],
      memberIds: ['123456789', 'ACoAAB1c2d3e4f5g6h7i8j9k0lMnOpQrStUvWx'],
      profile: {
        fullName: 'Mara Lind',
        company: 'Fjord Freight',
        position: 'Buyer',
        connectionStatus: 'connected',
        memberDistance: 1,
        connectedOn: '2025-09-02',
      },
      tags: ['campaign:q4', 'warm'],
      extra: { badges_premium: true, mutual_count: 7, skills: ['Sourcing', 'Contracts'] },
      warnings: [
        'connected_at 2025-09-01 disagrees with connected_at_iso 2025-09-02; kept the ISO date',
      ],
    });
  });

  it('reads an array of persons and an array of deliveries, camelCase alike', () => {
    const camel = {
      profileUrl: 'https://www.linkedin.com/in/ola-berg',
      memberId: '987654321',
      firstName: 'Ola',
      lastName: 'Berg',
      companyName: 'Berg AS',
      connectionDegree: '2nd',
    };
    const inputs = linkedHelperInputs([person, [camel, person]]);

    expect(inputs.map((input) => input.record)).toEqual([1, 2, 3]);
    expect(inputs[1]).toMatchObject({
      refs: ['https://www.linkedin.com/in/ola-berg'],
      memberIds: ['987654321'],
      profile: { fullName: 'Ola Berg', company: 'Berg AS', memberDistance: 2 },
    });
  });

  it('refuses a body that is not persons, naming where', () => {
    expect(() => linkedHelperInputs('hello')).toThrowError(
      expect.objectContaining({ code: 'validation_failed' }),
    );
    expect(() => linkedHelperInputs([{ full_name: { first: 'A' } }])).toThrowError(
      expect.objectContaining({
        code: 'validation_failed',
        issues: [expect.objectContaining({ path: 'persons.0.full_name' })],
      }),
    );
  });

  it('keeps a placeholder name out of the profile', () => {
    const [input] = linkedHelperInputs({ full_name: 'LinkedIn Member', member_id: '42' });
    expect(input).toMatchObject({ placeholder: true, memberIds: ['42'], profile: {} });
    expect(input!.profile.fullName).toBeUndefined();
  });
});

describe('person lines of a JSON file', () => {
  it('points at each person object, not at objects nested inside one', () => {
    const text = '[\n  {"a": {"b": 1}, "s": "{ not [ an object"},\n  [\n    {"c": 2}\n  ]\n]';
    expect(personStartLines(text)).toEqual([2, 4]);
  });

  it('points at items that are not objects too, as linkedHelperItems reads them', () => {
    const text = '[\n 1,\n "x, ]",\n [\n  {"a": [1, 2]},\n  null,\n  [3]\n ],\n {}\n]';
    expect(personStartLines(text)).toEqual([2, 3, 5, 6, 7, 9]);
    expect(linkedHelperItems(JSON.parse(text)).map((item) => 'rejection' in item)).toEqual([
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
    expect(personStartLines('{"a": [{"b": 1}]}')).toEqual([1]);
    expect(personStartLines('[]')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { clientTime, sameClientMinute } from '../../web/src/lead/client-time.ts';
import {
  changedProfile,
  type ProfileValues,
  profileConflicts,
} from '../../web/src/lead/profile-edit-fields.ts';

const saved: ProfileValues = {
  fullName: 'Greta Lindqvist',
  headline: 'Head of Procurement',
  position: '',
  company: 'Nordhafen',
  location: '',
  industry: '',
  email: '',
  phone: '',
  about: '',
};

describe('the profile form', () => {
  it('sends only changed fields, trimmed, and an emptied field as null', () => {
    const draft = { ...saved, headline: '  Director  ', company: '', fullName: 'Greta Lindqvist ' };

    expect(changedProfile(saved, draft)).toEqual({ headline: 'Director', company: null });
  });

  it('calls a field a conflict only when both changed it to different values', () => {
    const draft = { ...saved, company: 'Nordhafen Logistics', location: 'Bremen' };
    const latest = { ...saved, company: 'Nordhafen Group', headline: 'Buyer', location: 'Bremen' };

    expect(profileConflicts(saved, draft, latest)).toEqual([
      { field: 'company', theirs: 'Nordhafen Group' },
    ]);
  });
});

describe('times on the client clock', () => {
  it('shows seconds on request, so two moments of one minute read apart', () => {
    const scored = '2025-10-01T20:58:10.000Z';
    const changed = '2025-10-01T20:58:50.000Z';

    expect(sameClientMinute(scored, changed, 'Europe/Berlin')).toBe(true);
    expect(sameClientMinute(scored, '2025-10-01T20:59:01.000Z', 'Europe/Berlin')).toBe(false);
    expect(clientTime(changed, 'Europe/Berlin', true)).toContain(':58:50');
    expect(clientTime(changed, 'Europe/Berlin', true)).not.toBe(
      clientTime(scored, 'Europe/Berlin', true),
    );
  });
});

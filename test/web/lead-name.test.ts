import { describe, expect, it } from 'vitest';
import { leadName } from '../../web/src/lib/lead-name.ts';

describe('leadName', () => {
  it('names a lead by its full name, and one without a name (or a blank one) as unnamed', () => {
    expect(leadName({ fullName: ' Greta Lindqvist ' })).toBe('Greta Lindqvist');
    expect(leadName({ fullName: null })).toBe('Unnamed lead');
    expect(leadName({ fullName: '' })).toBe('Unnamed lead');
    expect(leadName({ fullName: '   ' })).toBe('Unnamed lead');
  });
});

import type { Lead } from '../leads/lead.ts';

/** The profile fields whose words scoring reads, in the order evidence is reported. */
export const leadTextFields = [
  'headline',
  'position',
  'company',
  'industry',
  'location',
  'about',
] as const;

export type LeadTextField = (typeof leadTextFields)[number];

export type LeadTexts = Record<LeadTextField, string>;

/** The words of a lead that scoring may look at; absent fields read as empty. */
export function leadTexts(lead: Pick<Lead, LeadTextField>): LeadTexts {
  return {
    headline: lead.headline ?? '',
    position: lead.position ?? '',
    company: lead.company ?? '',
    industry: lead.industry ?? '',
    location: lead.location ?? '',
    about: lead.about ?? '',
  };
}

import { describe, expect, it } from 'vitest';
import { leadFromRow } from '../leads/lead.ts';
import { offlineScorer } from './offline-scorer.ts';
import type { Rubric } from './rubric.ts';
import { isScoreFailure } from './scorer.ts';
import { type LeadInput, leadRow, loadExampleRubric } from './scoring-fixtures.ts';

// Realistic profiles, written the way people fill in LinkedIn, scored with the demo rubrics.
// The ranking asserted is the one a person reading the rubric would make.

async function rank(rubric: Rubric, inputs: LeadInput[]) {
  const leads = inputs.map((input) => leadFromRow(leadRow(input), []));
  const version = { version: 1, rubric, note: null, createdAt: '2025-09-24T00:00:00.000Z' };
  const results = await offlineScorer.scoreBatch(leads, version, new AbortController().signal);
  const scored = [...results].map(([id, result]) => {
    if (isScoreFailure(result)) throw new Error(`${id}: ${result.message}`);
    return { id, score: result.score, status: result.status };
  });
  const ranked = scored
    .filter((lead) => lead.status === 'scored')
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const statusOf = (status: string) =>
    scored.filter((lead) => lead.status === status).map((lead) => lead.id);
  return {
    order: ranked.map((lead) => lead.id),
    scores: Object.fromEntries(scored.map((lead) => [lead.id, lead.score])),
    disqualified: statusOf('disqualified'),
    unqualified: statusOf('unqualified'),
  };
}

const freightLeads: LeadInput[] = [
  {
    id: 'procurement-head-forwarder',
    headline: 'Head of Procurement @ Elbkai Spedition | Freight tenders, carrier management',
    position: 'Head of Procurement',
    company: 'Elbkai Spedition GmbH',
    industry: 'Transportation, Logistics, Supply Chain and Storage',
    location: 'Hamburg, Germany',
    about: 'Running our yearly carrier tender and the roll-out of a new TMS.',
  },
  {
    id: 'coo-manufacturer',
    headline: 'COO at Vandermolen Packaging',
    position: 'Chief Operating Officer',
    company: 'Vandermolen Packaging B.V.',
    industry: 'Packaging and Containers Manufacturing',
    location: 'Eindhoven, North Brabant, Netherlands',
  },
  {
    id: 'logistics-manager-3pl',
    headline: 'Logistics Manager – 3PL warehousing',
    position: 'Logistics Manager',
    company: 'Kestrel Logistics',
    industry: 'Transportation, Logistics, Supply Chain and Storage',
    location: 'Antwerp, Flemish Region, Belgium',
  },
  {
    id: 'procurement-director-bank',
    headline: 'Procurement Director',
    position: 'Procurement Director',
    company: 'Hanseatic Savings Bank',
    industry: 'Banking',
    location: 'Frankfurt, Hesse, Germany',
  },
  {
    id: 'buyer-us-trucking',
    headline: 'Buyer at Lone Star Trucking',
    position: 'Buyer',
    company: 'Lone Star Trucking',
    industry: 'Truck Transportation',
    location: 'Dallas, Texas, United States',
  },
  {
    id: 'key-account-carrier',
    headline: 'Key Account Manager | Road freight Benelux',
    position: 'Key Account Manager',
    company: 'Delta Road Freight',
    industry: 'Truck Transportation',
    location: 'Rotterdam, South Holland, Netherlands',
  },
  {
    id: 'assistant-to-coo',
    headline: 'Executive Assistant to the COO',
    position: 'Executive Assistant to the COO',
    company: 'Nordhafen Freight',
    industry: 'Freight and Package Transportation',
    location: 'Bremen, Germany',
  },
  {
    id: 'former-head-of-logistics',
    headline: 'Former Head of Logistics, now Gardener',
    position: 'Landscape Gardener',
    company: 'Self-employed',
    location: 'Munich, Bavaria, Germany',
  },
  {
    id: 'student',
    headline: 'Supply Chain Management student | looking for an internship',
    position: 'Student',
    company: 'Kühne Logistics University',
    industry: 'Higher Education',
    location: 'Hamburg, Germany',
  },
  {
    id: 'recruiter',
    headline: 'Recruiter for logistics & supply chain roles',
    position: 'Senior Recruiter',
    company: 'Cargo Careers',
    industry: 'Staffing and Recruiting',
    location: 'Düsseldorf, Germany',
  },
  {
    id: 'competitor',
    headline: 'Head of Operations at Routefox',
    position: 'Head of Operations',
    company: 'Routefox',
    industry: 'Software Development',
    location: 'Berlin, Germany',
  },
  {
    id: 'designer',
    headline: 'Brand designer',
    position: 'Graphic Designer',
    company: 'Studio Blau',
    industry: 'Design Services',
    location: 'Vienna, Austria',
  },
];

const paymentsLeads: LeadInput[] = [
  {
    id: 'cofounder-ceo-payments',
    headline: 'Co-founder & CEO at Paylark | Embedded payments for marketplaces | Series A',
    position: 'Co-Founder & CEO',
    company: 'Paylark',
    industry: 'Financial Services',
    location: 'London, England, United Kingdom',
    about: 'We just raised our Series A and are applying for an EMI licence with the FCA.',
  },
  {
    id: 'cfo-open-banking',
    headline: 'CFO @ Brightrail – open banking payments start-up',
    position: 'Chief Financial Officer',
    company: 'Brightrail',
    industry: 'Financial Services',
    location: 'Amsterdam, North Holland, Netherlands',
    about: 'Finance, safeguarding and our sponsor bank relationships.',
  },
  {
    id: 'founder-remittance',
    headline: 'Founder, Remitly-style cross-border payments for West Africa (pre-seed)',
    position: 'Founder',
    company: 'Kora Send',
    industry: 'Financial Services',
    location: 'Lagos, Nigeria',
  },
  {
    id: 'finance-manager-fintech',
    headline: 'Finance Manager at a fintech scale-up',
    position: 'Finance Manager',
    company: 'Coinstack',
    industry: 'Financial Services',
    location: 'Berlin, Germany',
  },
  {
    id: 'founder-bakery',
    headline: 'Founder of Sourdough & Co',
    position: 'Founder',
    company: 'Sourdough & Co',
    industry: 'Food and Beverage Services',
    location: 'Bristol, England, United Kingdom',
  },
  {
    id: 'vp-finance-mastercard',
    headline: 'VP Finance, Europe at Mastercard',
    position: 'VP Finance',
    company: 'Mastercard',
    industry: 'Financial Services',
    location: 'London, England, United Kingdom',
  },
  {
    id: 'engineer-payments',
    headline: 'Backend engineer, payments infrastructure',
    position: 'Senior Software Engineer',
    company: 'Paylark',
    industry: 'Financial Services',
    location: 'London, England, United Kingdom',
  },
  {
    id: 'founders-associate',
    headline: "Founder's Associate at Brightrail",
    position: "Founder's Associate",
    company: 'Brightrail',
    industry: 'Financial Services',
    location: 'Amsterdam, Netherlands',
  },
  {
    id: 'fractional-cfo',
    headline: 'Fractional CFO for fintech and payments start-ups',
    position: 'Fractional CFO',
    company: 'Self-employed',
    industry: 'Financial Services',
    location: 'London, England, United Kingdom',
  },
  {
    id: 'student',
    headline: 'MSc Finance student | aspiring fintech founder',
    position: 'Student',
    company: 'LSE',
    industry: 'Higher Education',
    location: 'London, England, United Kingdom',
  },
  {
    id: 'recruiter',
    headline: 'Talent Acquisition | hiring for payments start-ups',
    position: 'Talent Acquisition Partner',
    company: 'Fintech Talent',
    industry: 'Staffing and Recruiting',
    location: 'London, England, United Kingdom',
  },
];

describe('demo rubrics with the offline scorer', () => {
  it('ranks procurement and operations leaders at freight firms and manufacturers first', async () => {
    const result = await rank(loadExampleRubric('haulwise-freight-operations.json'), freightLeads);

    expect(result.order).toEqual([
      'procurement-head-forwarder',
      'coo-manufacturer',
      'logistics-manager-3pl',
      'procurement-director-bank',
      'buyer-us-trucking',
    ]);
    expect(result.scores).toMatchObject({
      'procurement-head-forwarder': 100,
      'coo-manufacturer': 96.77,
      'logistics-manager-3pl': 76.13,
      'procurement-director-bank': 64.52,
      'buyer-us-trucking': 45.16,
    });
    expect(result.disqualified).toEqual(['student', 'recruiter', 'competitor']);
    expect(result.unqualified).toEqual([
      'key-account-carrier',
      'assistant-to-coo',
      'former-head-of-logistics',
      'designer',
    ]);
  });

  it('ranks founders and CFOs of payment start-ups first', async () => {
    const result = await rank(
      loadExampleRubric('ledgerline-payments-founders.json'),
      paymentsLeads,
    );

    expect(result.order).toEqual([
      'cfo-open-banking',
      'cofounder-ceo-payments',
      'founder-remittance',
      'founder-bakery',
      'vp-finance-mastercard',
    ]);
    expect(result.scores).toMatchObject({
      'cfo-open-banking': 100,
      'cofounder-ceo-payments': 100,
      'founder-remittance': 90.91,
      'founder-bakery': 43.18,
      'vp-finance-mastercard': 25,
    });
    expect(result.disqualified).toEqual(['fractional-cfo', 'student', 'recruiter']);
    expect(result.unqualified).toEqual([
      'finance-manager-fintech',
      'engineer-payments',
      'founders-associate',
    ]);
  });
});

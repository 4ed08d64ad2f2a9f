import type { Client } from '../../clients/client.ts';
import type { TenantStore } from '../../db/tenancy.ts';
import type { Lead } from '../../leads/lead.ts';
import { searchLeads } from '../../leads/lead-query.ts';
import { offlineScorer } from '../../scoring/offline-scorer.ts';
import type { RubricVersion } from '../../scoring/rubric-store.ts';
import type { ScoreDetail } from '../../scoring/score-detail.ts';
import { isScoreFailure, type ScoreFailure } from '../../scoring/scorer.ts';

/** Where a lead stands for the next invitation batch, given the client's score threshold. */
export type Tier = 'qualified' | 'below_threshold' | 'unqualified' | 'disqualified' | 'unscored';

export interface TierChange {
  id: string;
  fullName: string | null;
  company: string | null;
  from: { tier: Tier; score: number | null };
  to: { tier: Tier; score: number | null };
}

export interface RubricPreview {
  /** The version previewed; null for a rubric not stored yet. */
  version: number | null;
  /** The current version it is compared with; null when the client has none. */
  currentVersion: number | null;
  threshold: number;
  examined: number;
  changed: number;
  transitions: { from: Tier; to: Tier; count: number }[];
  /** The changed leads, up to the asked limit. */
  leads: TierChange[];
}

const pageSize = 1000;

function standing(result: ScoreDetail | ScoreFailure | undefined, threshold: number) {
  if (!result || isScoreFailure(result)) return { tier: 'unscored' as Tier, score: null };
  if (result.status !== 'scored') return { tier: result.status as Tier, score: result.score };
  const tier: Tier = result.score >= threshold ? 'qualified' : 'below_threshold';
  return { tier, score: result.score };
}

async function scorePage(leads: Lead[], rubric: RubricVersion | undefined, signal: AbortSignal) {
  return rubric ? offlineScorer.scoreBatch(leads, rubric, signal) : new Map();
}

/**
 * How many of the client's leads would change tier under `candidate`, and which. Both sides
 * are scored by the offline scorer, so the difference is the rubric's alone; nothing is written.
 */
export async function previewRubric(
  store: TenantStore,
  client: Client,
  candidate: RubricVersion & { stored: boolean },
  current: RubricVersion | undefined,
  listLimit: number,
): Promise<RubricPreview> {
  const threshold = client.settings.scoreThreshold;
  const signal = new AbortController().signal;
  const transitions = new Map<string, { from: Tier; to: Tier; count: number }>();
  const leads: TierChange[] = [];
  let examined = 0;
  let cursor: string | null = null;

  do {
    const page = await searchLeads(store, { sort: 'created', limit: pageSize, cursor });
    const before = await scorePage(page.leads, current, signal);
    const after = await scorePage(page.leads, candidate, signal);
    for (const lead of page.leads) {
      const from = standing(before.get(lead.id), threshold);
      const to = standing(after.get(lead.id), threshold);
      examined += 1;
      if (from.tier === to.tier) continue;
      const key = `${from.tier}>${to.tier}`;
      const entry = transitions.get(key) ?? { from: from.tier, to: to.tier, count: 0 };
      entry.count += 1;
      transitions.set(key, entry);
      if (leads.length < listLimit) {
        leads.push({ id: lead.id, fullName: lead.fullName, company: lead.company, from, to });
      }
    }
    cursor = page.nextCursor;
  } while (cursor);

  const all = [...transitions.values()];
  return {
    version: candidate.stored ? candidate.version : null,
    currentVersion: current?.version ?? null,
    threshold,
    examined,
    changed: all.reduce((total, entry) => total + entry.count, 0),
    transitions: all.sort((a, b) => b.count - a.count),
    leads,
  };
}

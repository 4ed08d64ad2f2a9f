import { isStaleVersion, type Lead } from '../api/leads.ts';
import { getLeadDetail, type LeadDetail, saveFollowUp } from './lead-detail-api.ts';

/** Saved, or someone else saved another follow-up first (`latest`, for the person to decide). */
export type FollowUpOutcome = { saved: LeadDetail } | { latest: LeadDetail };

/**
 * Sets (a day) or clears (null) a follow-up at the version the page showed. Someone else's save
 * of other fields is no conflict: the date is applied to the new version. A different follow-up
 * saved meanwhile is handed back with the lead as it is now.
 */
export async function applyFollowUp(lead: Lead, date: string | null): Promise<FollowUpOutcome> {
  try {
    return { saved: await saveFollowUp(lead.id, lead.version, date) };
  } catch (error) {
    if (!isStaleVersion(error)) throw error;
  }
  const latest = await getLeadDetail(lead.id);
  if (latest.followUpOn !== lead.followUpOn && latest.followUpOn !== date) return { latest };
  return { saved: await saveFollowUp(latest.id, latest.version, date) };
}

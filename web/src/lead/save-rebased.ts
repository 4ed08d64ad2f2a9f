import { isStaleVersion, type LeadEdits } from '../api/leads.ts';
import { getLeadDetail, type LeadDetail, saveLeadEdits } from './lead-detail-api.ts';

/** How one lead form reads its values off a lead, diffs them and settles a concurrent save. */
export interface LeadForm<V, C> {
  valuesOf: (lead: LeadDetail) => V;
  /** The edits to send; none when the draft matches `base`. */
  changed: (base: V, draft: V) => LeadEdits;
  /** The draft moved onto `latest` (rebaseDraft in draft-rebase.ts). */
  rebase: (base: V, draft: V, latest: V) => V;
  /** Fields both this person and someone else changed, differently. */
  conflicts: (base: V, draft: V, latest: V) => C[];
}

export type SaveResult<V, C> =
  | { saved: LeadDetail }
  | { latest: LeadDetail; conflicts: C[]; draft: V };

/**
 * Saves `draft` as changes to `base` at `base`'s version. When someone else saved first, the
 * lead is read again: if they changed none of the fields this person changed, the changes are
 * applied to the new version; otherwise both values are handed back for the person to decide.
 */
export async function saveRebased<V, C>(
  form: LeadForm<V, C>,
  base: LeadDetail,
  draft: V,
): Promise<SaveResult<V, C>> {
  // Nothing to send (the person chose the saved values again): the API refuses empty edits.
  const changes = form.changed(form.valuesOf(base), draft);
  if (Object.keys(changes).length === 0) return { saved: base };
  try {
    return { saved: await saveLeadEdits(base.id, base.version, changes) };
  } catch (error) {
    if (!isStaleVersion(error)) throw error;
  }

  const latest = await getLeadDetail(base.id);
  const moved = form.rebase(form.valuesOf(base), draft, form.valuesOf(latest));
  const conflicts = form.conflicts(form.valuesOf(base), draft, form.valuesOf(latest));
  if (conflicts.length > 0) return { latest, conflicts, draft: moved };
  const edits = form.changed(form.valuesOf(latest), moved);
  if (Object.keys(edits).length === 0) return { saved: latest };
  return { saved: await saveLeadEdits(latest.id, latest.version, edits) };
}

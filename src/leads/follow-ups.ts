import type { Client } from '../clients/client.ts';
import { calendarDateIn } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import { addCalendarDays, isCalendarDate } from './calendar-date.ts';
import type { Lead } from './lead.ts';
import { changeLead, leadNotFound, leadsFromRows, readLead } from './lead-change.ts';

/** The client's own today: the calendar day it is now in the client's time zone. */
export function clientToday(client: Pick<Client, 'timeZone'>, now: Date = new Date()): string {
  return calendarDateIn(client.timeZone, now);
}

/** The calendar date `days` after the client's today (0 is today). */
export function followUpInDays(
  client: Pick<Client, 'timeZone'>,
  days: number,
  now: Date = new Date(),
): string {
  return addCalendarDays(clientToday(client, now), days);
}

/** Whether a follow-up on `dueOn` is due now for the client: on or before its today. */
export function isFollowUpDue(
  dueOn: string,
  client: Pick<Client, 'timeZone'>,
  now: Date = new Date(),
): boolean {
  return dueOn <= clientToday(client, now);
}

/**
 * Sets (a YYYY-MM-DD date on the client's calendar) or clears (null) a lead's follow-up. With
 * `expectedVersion`, a lead that moved on since answers `precondition_failed`.
 */
export async function setFollowUp(
  store: TenantStore,
  leadId: string,
  date: string | null,
  expectedVersion?: number,
): Promise<Lead> {
  if (date !== null && !isCalendarDate(date)) {
    throw new AppError('validation_failed', `follow-up date "${date}" is not a YYYY-MM-DD day`, {
      issues: [{ path: 'date', message: 'must be a calendar date written YYYY-MM-DD' }],
    });
  }

  return store.dialect.writeTransaction(store.db, async (trx) => {
    const result = await changeLead(
      trx,
      leadId,
      (row) => {
        if (row.follow_up_on === date) return null;
        return {
          set: { follow_up_on: date },
          manualFields: ['followUpOn'],
          event: {
            type: date === null ? 'follow_up_cleared' : 'follow_up_set',
            detail: { from: row.follow_up_on, to: date },
          },
        };
      },
      expectedVersion,
    );
    if (result.outcome === 'not_found') throw leadNotFound(leadId);
    return readLead(trx, leadId);
  });
}

/**
 * Leads whose follow-up falls on or before `today` (the client's today, from `clientToday`),
 * the most overdue first.
 */
export async function dueFollowUps(
  store: TenantStore,
  today: string,
  options: { limit?: number } = {},
): Promise<Lead[]> {
  const rows = await store.db
    .selectFrom('leads')
    .selectAll()
    .where('follow_up_on', 'is not', null)
    .where('follow_up_on', '<=', today)
    .orderBy('follow_up_on')
    .orderBy('id')
    .limit(options.limit ?? 500)
    .execute();
  return leadsFromRows(store.db, rows);
}

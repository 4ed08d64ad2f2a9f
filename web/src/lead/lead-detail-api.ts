import { ApiError, api } from '../api/client.ts';
import { type Lead, type LeadEdits, leadPath } from '../api/leads.ts';

/** One entry of a lead's notes (the API's Note). Notes are appended, never edited. */
export interface Note {
  id: number;
  leadId: string;
  body: string;
  /** As stored: `token:<token id>`. */
  author: string | null;
  /** The author's token label, or a readable stand-in (src/leads/note-authors.ts). */
  authorName: string | null;
  createdAt: string;
}

/** A lead's post with its score and the reasons for it (the API's LeadPost). */
export interface LeadPost {
  id: string;
  url: string;
  authorName: string | null;
  isRepost: boolean;
  originalAuthorName: string | null;
  text: string | null;
  originalText: string | null;
  postedAt: string | null;
  likes: number | null;
  comments: number | null;
  reposts: number | null;
  score: number | null;
  scoreStatus: 'pending' | 'scored' | 'failed';
  reasons: string[];
  scoredRubricVersion: number | null;
  scorer: string | null;
  actionedAt: string | null;
}

/** What a lead's posts are worth (the API's LeadPostRelevance): its best post's score, and it. */
export interface LeadPostRelevance {
  score: number;
  scoredAt: string | null;
  bestPost: LeadPost;
}

/**
 * A lead as its own page shows it (the API's LeadDetail): what reading one lead, and every
 * change of one lead, answers.
 */
export interface LeadDetail extends Lead {
  /** Null until one of the lead's posts is scored. */
  postRelevance: LeadPostRelevance | null;
}

/** A new lead (the API's NewLead): the LinkedIn URL and any profile field a person knows. */
export interface NewLead {
  profileUrl: string;
  salesNavUrl?: string | null;
  fullName?: string | null;
  headline?: string | null;
  position?: string | null;
  company?: string | null;
  location?: string | null;
  industry?: string | null;
  email?: string | null;
  phone?: string | null;
  about?: string | null;
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export function getLeadDetail(id: string, signal?: AbortSignal): Promise<LeadDetail> {
  return api<LeadDetail>(leadPath(id), signal ? { signal } : {});
}

/** Saves edits made on `version` of a lead; a 412 (someone else saved first) rejects. */
export function saveLeadEdits(id: string, version: number, edits: LeadEdits): Promise<LeadDetail> {
  return api<LeadDetail>(leadPath(id), { method: 'PATCH', headers: ifMatch(version), body: edits });
}

export async function listNotes(leadId: string, signal?: AbortSignal): Promise<Note[]> {
  const found = await api<{ notes: Note[] }>(`${leadPath(leadId)}/notes`, signal ? { signal } : {});
  return found.notes;
}

export function addNote(leadId: string, body: string): Promise<Note> {
  return api<Note>(`${leadPath(leadId)}/notes`, { method: 'POST', body: { body } });
}

/** Sets (a YYYY-MM-DD day on the client's calendar) or clears (null) a lead's follow-up. */
export function saveFollowUp(
  leadId: string,
  version: number,
  date: string | null,
): Promise<LeadDetail> {
  const path = `${leadPath(leadId)}/follow-up`;
  if (date === null) return api<LeadDetail>(path, { method: 'DELETE', headers: ifMatch(version) });
  return api<LeadDetail>(path, { method: 'PUT', headers: ifMatch(version), body: { date } });
}

export function createLead(input: NewLead): Promise<LeadDetail> {
  return api<LeadDetail>('/leads', { method: 'POST', body: input });
}

/** The lead a LinkedIn URL names in this client, or null when the client has no such lead. */
export async function findLeadByUrl(url: string, signal?: AbortSignal): Promise<LeadDetail | null> {
  try {
    return await getLeadDetail(url, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

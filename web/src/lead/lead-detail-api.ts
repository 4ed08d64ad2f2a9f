import { ApiError, api } from '../api/client.ts';
import { type Lead, leadPath } from '../api/leads.ts';

/** One entry of a lead's notes (the API's Note). Notes are appended, never edited. */
export interface Note {
  id: number;
  leadId: string;
  body: string;
  author: string | null;
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

export async function listNotes(leadId: string, signal?: AbortSignal): Promise<Note[]> {
  const found = await api<{ notes: Note[] }>(`${leadPath(leadId)}/notes`, signal ? { signal } : {});
  return found.notes;
}

export function addNote(leadId: string, body: string): Promise<Note> {
  return api<Note>(`${leadPath(leadId)}/notes`, { method: 'POST', body: { body } });
}

/**
 * The lead's most recent posts (newest first): enough to find its best one.
 *
 * TODO(post relevance not in the lead API): read the stored post relevance and best post from
 * the lead itself – when the Lead schema carries lead_post_state; a lead with over 500 posts
 * may have its best one among the older posts.
 */
export async function listLeadPosts(leadId: string, signal?: AbortSignal): Promise<LeadPost[]> {
  const path = `${leadPath(leadId)}/posts?limit=500`;
  const found = await api<{ posts: LeadPost[] }>(path, signal ? { signal } : {});
  return found.posts;
}

/** Sets (a YYYY-MM-DD day on the client's calendar) or clears (null) a lead's follow-up. */
export function saveFollowUp(leadId: string, version: number, date: string | null): Promise<Lead> {
  const path = `${leadPath(leadId)}/follow-up`;
  if (date === null) return api<Lead>(path, { method: 'DELETE', headers: ifMatch(version) });
  return api<Lead>(path, { method: 'PUT', headers: ifMatch(version), body: { date } });
}

export function createLead(input: NewLead): Promise<Lead> {
  return api<Lead>('/leads', { method: 'POST', body: input });
}

/** The lead a LinkedIn URL names in this client, or null when the client has no such lead. */
export async function findLeadByUrl(url: string, signal?: AbortSignal): Promise<Lead | null> {
  try {
    return await api<Lead>(leadPath(url), signal ? { signal } : {});
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

import { memberIdKey, type ProfileRefResult, parseProfileRef } from '../leads/identity.ts';
import type { LeadInput, Rejection } from './lead-input.ts';

type Refusal = { raw: string; result: ProfileRefResult & { ok: false } };

function readRef(raw: string, result: ProfileRefResult, keys: string[], refused: Refusal[]) {
  if (result.ok) {
    if (!keys.includes(result.value.key)) keys.push(result.value.key);
  } else if (result.reason !== 'empty') {
    refused.push({ raw, result });
  }
}

export type InputKeys = { ok: true; keys: string[] } | { ok: false; rejection: Rejection };

/**
 * The identities an input states, or why it cannot become a lead: a member ID whose case was
 * changed is never matched (it would be a different person's ID), and a record naming no
 * LinkedIn person (a "LinkedIn Member" placeholder without an ID among them) is rejected.
 */
export function inputKeys(input: LeadInput): InputKeys {
  const keys: string[] = [];
  const refused: Refusal[] = [];
  for (const ref of input.refs) readRef(ref, parseProfileRef(ref), keys, refused);
  for (const id of input.memberIds ?? []) readRef(id, memberIdKey(id), keys, refused);

  const at = { record: input.record, line: input.line };
  const mangled = refused.find((entry) => entry.result.reason === 'mangled_member_id');
  if (mangled) {
    const reason = `"${mangled.raw}" holds a member ID whose letter case was changed (a spreadsheet lower-cased it): it cannot be matched safely; re-export the record`;
    return { ok: false, rejection: { ...at, code: 'mangled_member_id', reason } };
  }
  if (keys.length > 0) return { ok: true, keys };

  const reason = input.placeholder
    ? 'a "LinkedIn Member" record without a profile URL or member ID cannot be told apart from anyone else'
    : refused.length > 0
      ? `"${refused[0]!.raw}" is not a LinkedIn profile (${refused[0]!.result.reason.replace(/_/g, ' ')})`
      : 'the record states no LinkedIn profile URL or member ID';
  return { ok: false, rejection: { ...at, code: 'unidentifiable', reason } };
}

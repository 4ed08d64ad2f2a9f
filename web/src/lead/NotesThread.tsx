import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useCurrentClient } from '../api/current-client.tsx';
import { ErrorState, errorMessage, Loading } from '../components/ErrorState.tsx';
import { useUnsavedWork } from '../lib/unsaved-work.ts';
import { clientTime } from './client-time.ts';
import { useLeadNotes, useNotesChanged } from './lead-cache.ts';
import { addNote, type Note } from './lead-detail-api.ts';

function NoteItem(props: { note: Note; timeZone: string }) {
  const { note, timeZone } = props;
  return (
    <li className="note">
      <p className="note-meta">
        <span className="note-author" title={note.author ?? undefined}>
          {note.authorName ?? note.author ?? 'Unknown author'}
        </span>
        {' · '}
        <time dateTime={note.createdAt}>{clientTime(note.createdAt, timeZone)}</time>
      </p>
      <p className="note-body">{note.body}</p>
    </li>
  );
}

/** A lead's notes, newest first, and a box to append one; a note is never edited. */
export function NotesThread(props: { leadId: string }) {
  const { leadId } = props;
  const client = useCurrentClient();
  const id = useId();
  const notes = useLeadNotes(leadId);
  const notesChanged = useNotesChanged(leadId);
  const [body, setBody] = useState('');
  useUnsavedWork(`note:${leadId}`, body.trim() !== '');

  const add = useMutation({
    mutationFn: (text: string) => addNote(leadId, text),
    onSuccess: () => {
      setBody('');
      notesChanged();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() !== '') add.mutate(body);
  };

  return (
    <section className="panel notes" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Notes</h2>
      <form onSubmit={submit} className="note-form">
        <label htmlFor={`${id}-body`}>New note</label>
        <textarea
          id={`${id}-body`}
          rows={3}
          value={body}
          maxLength={20_000}
          onChange={(event) => setBody(event.target.value)}
        />
        {add.isError && (
          <p className="error" role="alert">
            The note was not added: {errorMessage(add.error)} Your text is still here.
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={body.trim() === '' || add.isPending}>
            {add.isPending ? 'Adding…' : 'Add note'}
          </button>
        </div>
      </form>
      {notes.isPending ? (
        <Loading label="Loading notes…" />
      ) : notes.isError ? (
        <ErrorState error={notes.error} what="These notes" />
      ) : notes.data.length === 0 ? (
        <p className="hint">No notes yet.</p>
      ) : (
        <ol className="note-list" aria-label="Notes, newest first">
          {[...notes.data].reverse().map((note) => (
            <NoteItem key={note.id} note={note} timeZone={client.timeZone} />
          ))}
        </ol>
      )}
    </section>
  );
}

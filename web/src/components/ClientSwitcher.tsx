import type { ClientSummary } from '../api/session.ts';

/** An admin's choice of the client every page acts for. */
export function ClientSwitcher(props: {
  clients: ClientSummary[];
  value: string | null;
  onChange: (clientId: string) => void;
}) {
  return (
    <div className="client-switcher">
      <label htmlFor="client-switcher">Client</label>
      <select
        id="client-switcher"
        value={props.value ?? ''}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.value === null && <option value="">Choose a client…</option>}
        {props.clients.map((client) => (
          <option key={client.id} value={client.id}>
            {client.name}
            {client.status === 'paused' ? ' (paused)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

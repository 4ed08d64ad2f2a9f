import type { Client } from '../clients/client.ts';
import { ClientRegistry } from '../clients/client-registry.ts';
import { loadConfig } from '../config.ts';
import { Stores, type TenantStore } from '../db/tenancy.ts';

/** Where the CLI writes: results for people on stdout, diagnostics and progress on stderr. */
export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Control characters (ESC, BEL, NUL, C1 codes…) that a file's cells may carry: printed raw they
 * would drive the reader's terminal. Line breaks and tabs stay.
 */
export function isTerminalControl(code: number): boolean {
  return (code <= 0x1f && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
}

/** Text from stored data made safe to show on a terminal: each control character as `?`. */
export function terminalSafe(text: string): string {
  let safe = '';
  for (const character of text) {
    safe += isTerminalControl(character.codePointAt(0) ?? 0) ? '?' : character;
  }
  return safe;
}

/**
 * What every command gets: its streams, the environment (the only source of configuration and
 * secrets) and the stores, opened on first use so that `--help` touches no file.
 */
export class CliContext {
  /** Set by a command that printed its result but must still report failure. */
  exitCode = 0;

  private storesOpening: Promise<Stores> | undefined;

  constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly streams: CliStreams,
  ) {}

  /** One line of result on stdout. */
  print(line = ''): void {
    this.streams.stdout.write(`${terminalSafe(line)}\n`);
  }

  /** One line of diagnostics on stderr. */
  note(line: string): void {
    this.streams.stderr.write(`${terminalSafe(line)}\n`);
  }

  stores(): Promise<Stores> {
    this.storesOpening ??= Stores.open(loadConfig(this.env));
    return this.storesOpening;
  }

  async registry(): Promise<ClientRegistry> {
    return new ClientRegistry(await this.stores());
  }

  /** Runs `work` on an existing client's store, as the operator at the command line. */
  async withClient<T>(
    clientId: string,
    work: (store: TenantStore, client: Client) => Promise<T>,
  ): Promise<T> {
    const stores = await this.stores();
    const { client, access } = await new ClientRegistry(stores).operatorAccess(clientId);
    return stores.withTenant(access, (store) => work(store, client));
  }

  async close(): Promise<void> {
    if (!this.storesOpening) return;
    const opening = this.storesOpening;
    this.storesOpening = undefined;
    await opening.then(
      (stores) => stores.close(),
      () => undefined,
    );
  }
}

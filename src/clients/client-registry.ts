import { isValidTimeZone, nowIso } from '../clock.ts';
import { grantTenantAccess, type Stores, type TenantAccess } from '../db/tenancy.ts';
import { foldText } from '../db/text-fold.ts';
import { AppError, type FieldIssue } from '../errors.ts';
import {
  type Client,
  type ClientSettings,
  type ClientStatus,
  clientFromRow,
  defaultClientSettings,
  type ServiceLevel,
} from './client.ts';
import { parseSettingsChange, settingsIssues } from './client-settings.ts';

export interface NewClient {
  name: string;
  id?: string;
  timeZone?: string;
  serviceLevel?: ServiceLevel;
  stream?: string | null;
  settings?: Partial<ClientSettings>;
}

const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** True when `id` has the form of a client ID: a slug of 1-64 lower-case letters, digits, hyphens. */
export function isClientId(id: string): boolean {
  return slugPattern.test(id);
}
const serviceLevels: ServiceLevel[] = ['leads', 'leads+posts'];

/**
 * A stable slug from any name, folded as search folds text (accents dropped, "ß" as "ss", "ø"
 * as "o"); whatever is not a Latin letter or digit becomes a hyphen.
 */
export function slugify(name: string): string {
  return foldText(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** What `updateProfile` may change about a client. */
export interface ClientProfileChange {
  name?: string;
  serviceLevel?: ServiceLevel;
  timeZone?: string;
}

function profileIssues(changes: ClientProfileChange): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (changes.name !== undefined && changes.name.trim() === '') {
    issues.push({ path: 'name', message: 'must not be empty' });
  }
  if (changes.timeZone !== undefined && !isValidTimeZone(changes.timeZone)) {
    issues.push({ path: 'timeZone', message: `"${changes.timeZone}" is not an IANA time zone` });
  }
  if (changes.serviceLevel !== undefined && !serviceLevels.includes(changes.serviceLevel)) {
    issues.push({ path: 'serviceLevel', message: `must be one of ${serviceLevels.join(', ')}` });
  }
  return issues;
}

function noSlugIn(name: string): FieldIssue {
  return {
    path: 'id',
    message: `cannot be made from the name "${name}", which has no Latin letters or digits: choose one with --id (the "id" field in the API)`,
  };
}

function validateNewClient(input: NewClient, id: string): void {
  const issues: FieldIssue[] = [];
  if (input.name.trim() === '') issues.push({ path: 'name', message: 'must not be empty' });
  if (input.id === undefined && id === '') {
    // An empty name is reported above; a name without Latin letters needs an ID chosen for it.
    if (input.name.trim() !== '') issues.push(noSlugIn(input.name.trim()));
  } else if (!slugPattern.test(id)) {
    issues.push({
      path: 'id',
      message: `"${id}" is not a slug: lower-case letters, digits and inner hyphens, 1-64 long`,
    });
  }
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    issues.push({ path: 'timeZone', message: `"${input.timeZone}" is not an IANA time zone` });
  }
  if (input.serviceLevel !== undefined && !serviceLevels.includes(input.serviceLevel)) {
    issues.push({ path: 'serviceLevel', message: `must be one of ${serviceLevels.join(', ')}` });
  }
  issues.push(...settingsIssues(input.settings ?? {}));
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
    throw new AppError('validation_failed', `invalid client: ${summary}`, { issues });
  }
}

/** The registry of clients in the control store. */
export class ClientRegistry {
  constructor(private readonly stores: Stores) {}

  async add(input: NewClient): Promise<Client> {
    const id = input.id ?? slugify(input.name);
    validateNewClient(input, id);
    const settings = parseSettingsChange(input.settings ?? {});
    const now = nowIso();
    const row = {
      id,
      name: input.name.trim(),
      status: 'active',
      service_level: input.serviceLevel ?? 'leads',
      time_zone: input.timeZone ?? 'UTC',
      stream: input.stream ?? null,
      settings: JSON.stringify({ ...defaultClientSettings, ...settings }),
      created_at: now,
      updated_at: now,
    };
    const inserted = await this.stores.control
      .insertInto('clients')
      .values(row)
      .onConflict((conflict) => conflict.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      throw new AppError('client_exists', `client "${id}" already exists`, { details: { id } });
    }
    return clientFromRow(row);
  }

  async list(): Promise<Client[]> {
    const rows = await this.stores.control
      .selectFrom('clients')
      .selectAll()
      .orderBy('id')
      .execute();
    return rows.map(clientFromRow);
  }

  async find(id: string): Promise<Client | undefined> {
    const row = await this.stores.control
      .selectFrom('clients')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? clientFromRow(row) : undefined;
  }

  async get(id: string): Promise<Client> {
    const client = await this.find(id);
    if (!client) {
      throw new AppError('client_not_found', `no client with id "${id}"`, { details: { id } });
    }
    return client;
  }

  async setStatus(id: string, status: ClientStatus): Promise<Client> {
    await this.get(id);
    await this.stores.control
      .updateTable('clients')
      .set({ status, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  /**
   * Changes a client's name, service level or time zone (its ID never changes). Every bad
   * field is named; nothing changes unless all are sound.
   */
  async updateProfile(id: string, changes: ClientProfileChange): Promise<Client> {
    const issues = profileIssues(changes);
    if (issues.length > 0) {
      const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
      throw new AppError('validation_failed', `invalid change of client "${id}": ${summary}`, {
        issues,
      });
    }
    await this.get(id);
    const set = {
      ...(changes.name === undefined ? {} : { name: changes.name.trim() }),
      ...(changes.serviceLevel === undefined ? {} : { service_level: changes.serviceLevel }),
      ...(changes.timeZone === undefined ? {} : { time_zone: changes.timeZone }),
    };
    if (Object.keys(set).length > 0) {
      await this.stores.control
        .updateTable('clients')
        .set({ ...set, updated_at: nowIso() })
        .where('id', '=', id)
        .execute();
    }
    return this.get(id);
  }

  async updateSettings(id: string, changes: Partial<ClientSettings>): Promise<Client> {
    const checked = parseSettingsChange(changes);
    const client = await this.get(id);
    const settings = { ...client.settings, ...checked };
    await this.stores.control
      .updateTable('clients')
      .set({ settings: JSON.stringify(settings), updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    return { ...client, settings };
  }

  /** Access for the operator at the command line, who may work on any existing client. */
  async operatorAccess(id: string): Promise<{ client: Client; access: TenantAccess }> {
    const client = await this.get(id);
    return { client, access: grantTenantAccess(client.id) };
  }
}

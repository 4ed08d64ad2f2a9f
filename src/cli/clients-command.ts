import { type Command, Option } from 'commander';
import type { Client, ServiceLevel } from '../clients/client.ts';
import { AppError } from '../errors.ts';
import { registerClientDataCommands } from './client-data-command.ts';
import type { CliContext } from './context.ts';
import { formatTable } from './table.ts';

interface AddOptions {
  id?: string;
  timeZone?: string;
  serviceLevel?: ServiceLevel;
}

function describe(client: Client): string {
  return `${client.id} (${client.name}): ${client.status}, ${client.serviceLevel}, ${client.timeZone}`;
}

async function addClient(ctx: CliContext, name: string, options: AddOptions): Promise<void> {
  const registry = await ctx.registry();
  const client = await registry.add({
    name,
    ...(options.id === undefined ? {} : { id: options.id }),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(options.serviceLevel === undefined ? {} : { serviceLevel: options.serviceLevel }),
  });
  ctx.print(`created client ${describe(client)}`);
}

async function listClients(ctx: CliContext): Promise<void> {
  const clients = await (await ctx.registry()).list();
  if (clients.length === 0) {
    ctx.print('no clients yet: add one with `leadbase clients add <name>`');
    return;
  }
  const lines = formatTable<Client>(
    [
      { header: 'ID', value: (client) => client.id },
      { header: 'NAME', value: (client) => client.name, maxWidth: 40 },
      { header: 'STATUS', value: (client) => client.status },
      { header: 'SERVICE', value: (client) => client.serviceLevel },
      { header: 'TIME ZONE', value: (client) => client.timeZone },
      { header: 'THRESHOLD', value: (client) => String(client.settings.scoreThreshold) },
    ],
    clients,
  );
  for (const line of lines) ctx.print(line);
}

interface SetOptions {
  name?: string;
  timeZone?: string;
  serviceLevel?: ServiceLevel;
}

async function setProfile(ctx: CliContext, id: string, options: SetOptions): Promise<void> {
  if (Object.values(options).every((value) => value === undefined)) {
    throw new AppError(
      'validation_failed',
      'nothing to change: give --name, --time-zone or --service-level',
    );
  }
  const client = await (await ctx.registry()).updateProfile(id, options);
  ctx.print(`client ${describe(client)}`);
}

async function setStatus(ctx: CliContext, id: string, status: Client['status']): Promise<void> {
  const client = await (await ctx.registry()).setStatus(id, status);
  ctx.print(`client ${describe(client)}`);
}

export function registerClientsCommand(program: Command, ctx: CliContext): void {
  const clients = program
    .command('clients')
    .description('add, list, change, pause and resume clients');

  clients
    .command('add <name>')
    .description('add a client; its ID is a slug of the name unless --id gives one')
    .option('--id <id>', 'stable slug: lower-case letters, digits and hyphens')
    .option('--time-zone <zone>', 'IANA time zone of the client, e.g. Europe/Berlin', 'UTC')
    .addOption(
      new Option('--service-level <level>', 'what the client bought').choices([
        'leads',
        'leads+posts',
      ]),
    )
    .action((name: string, options: AddOptions) => addClient(ctx, name, options));

  clients
    .command('list')
    .description('list every client')
    .action(() => listClients(ctx));

  clients
    .command('set <id>')
    .description("change a client's name, time zone or service level (its ID stays)")
    .option('--name <name>', 'the name shown for the client')
    .option('--time-zone <zone>', 'IANA time zone of the client, e.g. Europe/Berlin')
    .addOption(
      new Option('--service-level <level>', 'what the client bought').choices([
        'leads',
        'leads+posts',
      ]),
    )
    .action((id: string, options: SetOptions) => setProfile(ctx, id, options));

  clients
    .command('pause <id>')
    .description('pause a client: runs skip it until it is resumed')
    .action((id: string) => setStatus(ctx, id, 'paused'));

  clients
    .command('resume <id>')
    .description('resume a paused client')
    .action((id: string) => setStatus(ctx, id, 'active'));

  registerClientDataCommands(clients, ctx);
}

import { type Command, Option } from 'commander';
import type { AccessTokenInfo, TokenScope } from '../auth/access-token.ts';
import { AccessTokens, type NewToken } from '../auth/token-store.ts';
import { AppError } from '../errors.ts';
import type { CliContext } from './context.ts';
import { formatTable } from './table.ts';

interface CreateOptions {
  client?: string;
  scope?: TokenScope;
  admin?: boolean;
  label?: string;
}

async function tokenStore(ctx: CliContext): Promise<AccessTokens> {
  return new AccessTokens((await ctx.stores()).control);
}

function newTokenOf(options: CreateOptions): NewToken {
  const label = options.label === undefined ? {} : { label: options.label };
  if (options.admin && options.client === undefined && options.scope === undefined) {
    return { kind: 'admin', ...label };
  }
  if (!options.admin && options.client !== undefined && options.scope !== undefined) {
    return { kind: 'client', clientId: options.client, scope: options.scope, ...label };
  }
  throw new AppError(
    'bad_request',
    'tokens create takes either --admin, or --client <id> with --scope portal|ingest',
  );
}

function reach(info: AccessTokenInfo): string {
  return info.kind === 'admin' ? 'admin' : `${info.scope} of ${info.clientId}`;
}

async function createToken(ctx: CliContext, options: CreateOptions): Promise<void> {
  const created = await (await tokenStore(ctx)).create(newTokenOf(options));
  ctx.print(`created token ${created.info.id} (${reach(created.info)})`);
  ctx.print('the token is shown this once; only its hash is kept:');
  ctx.print(created.token);
}

async function listTokens(ctx: CliContext, options: { client?: string }): Promise<void> {
  const filter = options.client === undefined ? {} : { clientId: options.client };
  const tokens = await (await tokenStore(ctx)).list(filter);
  if (tokens.length === 0) {
    ctx.print('no access tokens yet: create one with `leadbase tokens create`');
    return;
  }
  const lines = formatTable<AccessTokenInfo>(
    [
      { header: 'ID', value: (token) => token.id },
      { header: 'PREFIX', value: (token) => token.prefix },
      { header: 'REACH', value: reach },
      { header: 'LABEL', value: (token) => token.label ?? '', maxWidth: 30 },
      { header: 'CREATED', value: (token) => token.createdAt },
      { header: 'REVOKED', value: (token) => token.revokedAt ?? '' },
    ],
    tokens,
  );
  for (const line of lines) ctx.print(line);
}

async function revokeToken(ctx: CliContext, id: string): Promise<void> {
  const info = await (await tokenStore(ctx)).revoke(id);
  ctx.print(`revoked token ${info.id} (${reach(info)})`);
}

export function registerTokensCommand(program: Command, ctx: CliContext): void {
  const tokens = program.command('tokens').description('create, list and revoke API access tokens');

  tokens
    .command('create')
    .description('create a token: --admin, or --client <id> --scope portal|ingest')
    .option('--client <id>', 'the client the token reaches')
    .addOption(
      new Option('--scope <scope>', 'portal: the client API; ingest: only webhooks').choices([
        'portal',
        'ingest',
      ]),
    )
    .option('--admin', 'a token for the client registry and any client named in x-client-id')
    .option('--label <text>', 'a note to recognise the token by in the list')
    .action((options: CreateOptions) => createToken(ctx, options));

  tokens
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--client <id>', 'only the tokens of this client')
    .action((options: { client?: string }) => listTokens(ctx, options));

  tokens
    .command('revoke <token-id>')
    .description('revoke a token at once')
    .action((id: string) => revokeToken(ctx, id));
}

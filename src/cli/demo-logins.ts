import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AccessTokens } from '../auth/token-store.ts';
import { serverSettingsFromEnv } from '../http/server-config.ts';
import type { CliContext } from './context.ts';
import type { DemoClient } from './demo-clients.ts';

/** The label of the tokens the demo mints, so the next demo can revoke them. */
export const demoLoginLabel = 'demo portal login';

const builtPortal = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

/** Revokes the logins an earlier demo printed, so each demo leaves one set that works. */
async function revokeEarlierLogins(tokens: AccessTokens): Promise<void> {
  for (const token of await tokens.list()) {
    if (token.label === demoLoginLabel && token.revokedAt === null) await tokens.revoke(token.id);
  }
}

/**
 * Ends the demo with how to open the portal: where it listens, how to start it, and a fresh
 * login token for each demo client and for an admin who sees them all.
 */
export async function printPortalLogins(ctx: CliContext, demos: DemoClient[]): Promise<void> {
  const tokens = new AccessTokens((await ctx.stores()).control);
  await revokeEarlierLogins(tokens);

  const rows: Array<[string, string]> = [];
  for (const demo of demos) {
    const created = await tokens.create({
      kind: 'client',
      clientId: demo.client.id,
      scope: 'portal',
      label: demoLoginLabel,
    });
    rows.push([`${demo.client.id} (${demo.client.name})`, created.token]);
  }
  const admin = await tokens.create({ kind: 'admin', label: demoLoginLabel });
  rows.push(['admin (every client)', admin.token]);

  const { host, port } = serverSettingsFromEnv(ctx.env);
  const build = existsSync(builtPortal) ? '' : '`npm run build` (once), then ';
  ctx.print('');
  ctx.print(`the portal: ${build}\`npm start\`, then open http://${host}:${port}/`);
  ctx.print(
    'sign in with one of these tokens (new ones each demo; the previous ones are revoked):',
  );
  const width = Math.max(...rows.map(([who]) => who.length));
  for (const [who, token] of rows) ctx.print(`  ${who.padEnd(width)}  ${token}`);
}

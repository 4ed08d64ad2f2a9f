import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { TenantStore } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import type { RubricAttribute } from '../scoring/rubric.ts';
import { parseRubric } from '../scoring/rubric.ts';
import {
  activateRubricVersion,
  addRubricVersionIfChanged,
  currentRubric,
  getRubricVersion,
  listRubricVersions,
  type RubricVersion,
} from '../scoring/rubric-store.ts';
import type { CliContext } from './context.ts';
import { positiveIntegerOption } from './option-parsers.ts';
import { parseJsonFile, readTextFile } from './read-input-file.ts';
import { formatTable } from './table.ts';

interface VersionOptions {
  client: string;
  version?: number;
}

/** The version asked for, or the current one; a client without a rubric is an error. */
async function chosenVersion(store: TenantStore, version?: number): Promise<RubricVersion> {
  if (version !== undefined) return getRubricVersion(store, version);
  const current = await currentRubric(store);
  if (!current) {
    throw new AppError(
      'rubric_missing',
      `client ${store.clientId} has no rubric yet: add one with \`leadbase rubric import <file> --client ${store.clientId}\``,
    );
  }
  return current;
}

function attributeLines(attribute: RubricAttribute): string[] {
  const scale =
    attribute.kind === 'positive'
      ? `max ${attribute.max}${attribute.bonus ? ', bonus' : ''}`
      : `penalty ${attribute.penalty}${attribute.disqualifying ? ', disqualifying' : ''}`;
  const qualify =
    attribute.minToQualify === undefined ? '' : `, at least ${attribute.minToQualify} to qualify`;
  const signals = attribute.signals.map((signal) => `${signal.phrase} (${signal.weight})`);
  return [
    `${attribute.id}  ${attribute.label} — ${attribute.kind}, ${scale}${qualify}`,
    `    looks in: ${attribute.fields.join(', ')}`,
    `    signals: ${signals.join(', ')}`,
    ...(attribute.exclude.length === 0 ? [] : [`    not after: ${attribute.exclude.join(', ')}`]),
  ];
}

async function showRubric(ctx: CliContext, options: VersionOptions): Promise<void> {
  const { chosen, current } = await ctx.withClient(options.client, async (store) => ({
    chosen: await chosenVersion(store, options.version),
    current: await currentRubric(store),
  }));
  const mark = chosen.version === current?.version ? ' (current)' : '';
  ctx.print(
    `${chosen.rubric.name} — rubric v${chosen.version}${mark} of client ${options.client}, added ${chosen.createdAt}`,
  );
  if (chosen.note) ctx.print(`note: ${chosen.note}`);
  if (chosen.rubric.description) ctx.print(chosen.rubric.description);
  ctx.print('');
  for (const attribute of chosen.rubric.attributes) {
    for (const line of attributeLines(attribute)) ctx.print(line);
  }
}

async function exportRubric(
  ctx: CliContext,
  options: VersionOptions & { out?: string },
): Promise<void> {
  const chosen = await ctx.withClient(options.client, (store) =>
    chosenVersion(store, options.version),
  );
  const json = `${JSON.stringify(chosen.rubric, null, 2)}\n`;
  if (options.out === undefined) {
    ctx.streams.stdout.write(json);
    return;
  }
  await mkdir(dirname(resolve(options.out)), { recursive: true });
  await writeFile(options.out, json, 'utf8');
  ctx.note(`wrote rubric v${chosen.version} of client ${options.client} to ${options.out}`);
}

async function importRubric(
  ctx: CliContext,
  path: string,
  options: { client: string; note?: string },
): Promise<void> {
  // Read and validate before the client's store is touched: a bad file changes nothing.
  await (await ctx.registry()).get(options.client);
  const rubric = parseRubric(parseJsonFile(await readTextFile(path), path), path);
  const { version, added } = await ctx.withClient(options.client, (store) =>
    addRubricVersionIfChanged(store, rubric, options.note ?? `imported from ${path}`),
  );
  if (!added) {
    ctx.print(
      `client ${options.client}: rubric unchanged, it equals the current v${version.version}: no version added, no lead to score again`,
    );
    return;
  }
  ctx.print(
    `client ${options.client}: rubric v${version.version} "${rubric.name}" added and made current (${rubric.attributes.length} attributes)`,
  );
}

async function listVersions(ctx: CliContext, options: { client: string }): Promise<void> {
  const { versions, current } = await ctx.withClient(options.client, async (store) => ({
    versions: await listRubricVersions(store),
    current: await currentRubric(store),
  }));
  if (versions.length === 0) {
    ctx.print(`client ${options.client} has no rubric yet`);
    return;
  }
  const lines = formatTable<RubricVersion>(
    [
      { header: 'VERSION', value: (item) => `v${item.version}`, align: 'right' },
      { header: 'CURRENT', value: (item) => (item.version === current?.version ? 'yes' : '') },
      { header: 'ADDED', value: (item) => item.createdAt },
      { header: 'NAME', value: (item) => item.rubric.name, maxWidth: 50 },
      { header: 'NOTE', value: (item) => item.note ?? '', maxWidth: 40 },
    ],
    versions,
  );
  for (const line of lines) ctx.print(line);
}

async function activateVersion(
  ctx: CliContext,
  version: number,
  options: { client: string },
): Promise<void> {
  const activated = await ctx.withClient(options.client, (store) =>
    activateRubricVersion(store, version),
  );
  ctx.print(`client ${options.client}: rubric v${activated.version} is current again`);
}

export function registerRubricCommand(program: Command, ctx: CliContext): void {
  const rubric = program
    .command('rubric')
    .description("a client's scoring rubric and its versions");
  const versionOption = [
    '--version <n>',
    'a past version instead of the current one',
    positiveIntegerOption,
  ] as const;

  rubric
    .command('show')
    .description('the rubric, readable')
    .requiredOption('--client <id>', 'the client')
    .option(...versionOption)
    .action((options: VersionOptions) => showRubric(ctx, options));

  rubric
    .command('export')
    .description('the rubric as JSON, ready to edit and import again')
    .requiredOption('--client <id>', 'the client')
    .option(...versionOption)
    .option('--out <file>', 'write to this file instead of stdout')
    .action((options: VersionOptions & { out?: string }) => exportRubric(ctx, options));

  rubric
    .command('import <file>')
    .description('add a rubric version from a JSON file and make it current')
    .requiredOption('--client <id>', 'the client')
    .option('--note <text>', 'why this version exists')
    .action((path: string, options: { client: string; note?: string }) =>
      importRubric(ctx, path, options),
    );

  rubric
    .command('versions')
    .description('every version, oldest first')
    .requiredOption('--client <id>', 'the client')
    .action((options: { client: string }) => listVersions(ctx, options));

  rubric
    .command('activate')
    .description('make an earlier version current again')
    .argument('<version>', 'the version number', positiveIntegerOption)
    .requiredOption('--client <id>', 'the client')
    .action((version: number, options: { client: string }) =>
      activateVersion(ctx, version, options),
    );
}

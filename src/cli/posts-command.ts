import { type Command, Option } from 'commander';
import { AppError } from '../errors.ts';
import { parseJsonLosslessly } from '../posts/lossless-json.ts';
import { markLeadPostsActioned } from '../posts/post-actions.ts';
import { parsePostRubric } from '../posts/post-rubric.ts';
import { addPostRubricVersion, currentPostRubric } from '../posts/post-rubric-store.ts';
import { postsOutsideServiceWarning } from '../posts/post-service.ts';
import { importPostsFile, type PostFormat, type PostImportReport } from '../posts/posts-import.ts';
import { type TopPost, topPosts } from '../posts/top-posts.ts';
import { shortened } from '../short-text.ts';
import { counted } from '../words.ts';
import type { CliContext } from './context.ts';
import { positiveIntegerOption, scoreOption } from './option-parsers.ts';
import { readTextFile } from './read-input-file.ts';

interface ImportOptions {
  client: string;
  format: PostFormat | 'auto';
  timeZone?: string;
}

interface TopOptions {
  client: string;
  threshold?: number;
  limit: number;
  json?: boolean;
}

const shownRejections = 20;

const postRubricFormat = `
The file (docs/rubrics.md, "Post rubrics"; example: examples/rubrics/haulwise-posts.json):
  { "name": "…", "description": "…" (optional),
    "criteria": [ { "id": "P1", "label": "…", "kind": "positive" | "negative",
                    "points": above 0, at most 100, "keywords": ["phrase", …],
                    "instructions": "…" (optional), "examples": ["…"] (optional) } ] }
  At least one positive criterion; IDs unique. A post earns (or loses) a criterion's points
  when any of its keywords is in the text; score = 100 × points ÷ Σ positive points.
`;

function importSummary(clientId: string, report: PostImportReport): string[] {
  const lines = [
    `client ${clientId}: ${report.fileName} (${report.format}) — ${counted(report.items, 'item')}, ${counted(report.posts, 'post')}: ` +
      `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged; ` +
      `${report.repeats} repeats merged, ${report.dropped} tool rows dropped, ${report.rejected} rejected`,
    `posts of ${counted(report.linkedLeads, 'known lead')}; ${counted(report.unlinkedPosts, 'post')} waiting for their lead to be imported`,
  ];
  for (const rejection of report.rejections.slice(0, shownRejections)) {
    lines.push(`  rejected item ${rejection.record}: ${rejection.reason}`);
  }
  if (report.rejections.length > shownRejections) {
    lines.push(`  … and ${report.rejections.length - shownRejections} more rejected`);
  }
  return lines;
}

async function importPosts(ctx: CliContext, path: string, options: ImportOptions): Promise<void> {
  const report = await ctx.withClient(options.client, (store, client) =>
    importPostsFile(store, path, {
      client,
      format: options.format,
      ...(options.timeZone === undefined ? {} : { documentedZone: options.timeZone }),
    }),
  );
  for (const line of importSummary(options.client, report)) ctx.print(line);
  for (const warning of report.warnings) ctx.note(`warning: ${warning}`);
}

function postBlock(post: TopPost): string[] {
  const who =
    post.leadId === null
      ? `${post.authorName ?? post.authorKey} (no lead yet)`
      : `${post.leadName ?? post.authorName ?? ''} (${post.leadId})`;
  const repost = post.isRepost ? `, repost of ${post.originalAuthorName ?? 'another author'}` : '';
  const text = post.text.replace(/\s+/g, ' ').trim();
  return [
    `${post.score.toFixed(2)}  ${who}  ${post.postedAt?.slice(0, 10) ?? 'date unknown'}${repost}`,
    `    ${shortened(text, 200)}`,
    `    ${post.url}`,
    ...post.reasons.map((reason) => `    ${reason}`),
  ];
}

async function showTop(ctx: CliContext, options: TopOptions): Promise<void> {
  const { posts, threshold } = await ctx.withClient(options.client, async (store, client) => {
    const threshold = options.threshold ?? client.settings.postScoreThreshold;
    return { posts: await topPosts(store, { threshold, limit: options.limit }), threshold };
  });
  if (options.json) {
    ctx.streams.stdout.write(`${JSON.stringify(posts, null, 2)}\n`);
    return;
  }
  if (posts.length === 0) {
    ctx.print(`client ${options.client}: no post scored ${threshold} or more is waiting`);
    return;
  }
  ctx.print(
    `client ${options.client}: ${counted(posts.length, 'post')} scored ${threshold} or more, best first`,
  );
  for (const post of posts) {
    ctx.print('');
    for (const line of postBlock(post)) ctx.print(line);
  }
}

async function actionLead(ctx: CliContext, lead: string, options: { client: string }) {
  const done = await ctx.withClient(options.client, (store) => markLeadPostsActioned(store, lead));
  ctx.print(
    `client ${options.client}: lead ${done.leadId} actioned; ${counted(done.posts, 'post')} taken off the list`,
  );
}

async function importRubric(
  ctx: CliContext,
  path: string,
  options: { client: string; note?: string },
) {
  const client = await (await ctx.registry()).get(options.client);
  // Validated before the store is touched: a bad file changes nothing.
  let value: unknown;
  try {
    value = parseJsonLosslessly(await readTextFile(path));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('bad_file', `${path} is not valid JSON: ${(error as Error).message}`);
  }
  const rubric = parsePostRubric(value, path);
  const added = await ctx.withClient(options.client, (store) =>
    addPostRubricVersion(store, rubric, options.note ?? `imported from ${path}`),
  );
  ctx.print(
    `client ${options.client}: post rubric v${added.version} "${rubric.name}" added and made current (${rubric.criteria.length} criteria)`,
  );
  const warning = postsOutsideServiceWarning(client, 'the post rubric is stored');
  if (warning !== null) ctx.note(`warning: ${warning}`);
}

async function showRubric(ctx: CliContext, options: { client: string }) {
  const current = await ctx.withClient(options.client, (store) => currentPostRubric(store));
  if (!current) {
    ctx.print(
      `client ${options.client} has no post rubric yet: add one with \`leadbase posts rubric import <file> --client ${options.client}\``,
    );
    return;
  }
  ctx.print(
    `${current.rubric.name} — post rubric v${current.version} of client ${options.client}, added ${current.createdAt}`,
  );
  for (const criterion of current.rubric.criteria) {
    const sign = criterion.kind === 'positive' ? '+' : '−';
    ctx.print(
      `${criterion.id}  ${criterion.label} — ${sign}${criterion.points}: ${criterion.keywords.join(', ')}`,
    );
  }
}

export function registerPostsCommand(program: Command, ctx: CliContext): void {
  const posts = program
    .command('posts')
    .description("leads' posts: import, best openers, actioned leads, post rubric");

  posts
    .command('import <file>')
    .description('import an Apify posts dataset or a PhantomBuster activity result (JSON)')
    .requiredOption('--client <id>', 'the client')
    .addOption(
      new Option('--format <format>', 'the tool that wrote the file')
        .choices(['auto', 'apify', 'phantombuster'])
        .default('auto'),
    )
    .option(
      '--time-zone <zone>',
      'zone of times written without an offset, if not the one the tool documents',
    )
    .action((path: string, options: ImportOptions) => importPosts(ctx, path, options));

  posts
    .command('top')
    .description('posts scored above the threshold, best first, with text, link and reasons')
    .requiredOption('--client <id>', 'the client')
    .option(
      '--threshold <score>',
      "minimum score (default: the client's post score threshold)",
      scoreOption,
    )
    .option('--limit <n>', 'how many posts', positiveIntegerOption, 20)
    .option('--json', 'print JSON instead of text')
    .action((options: TopOptions) => showTop(ctx, options));

  posts
    .command('action <lead>')
    .description('mark a lead actioned (by lead ID or profile URL): its posts leave the list')
    .requiredOption('--client <id>', 'the client')
    .action((lead: string, options: { client: string }) => actionLead(ctx, lead, options));

  const rubric = posts.command('rubric').description("a client's post rubric");
  rubric
    .command('import <file>')
    .description('add a post rubric version from a JSON file and make it current')
    .requiredOption('--client <id>', 'the client')
    .option('--note <text>', 'why this version exists')
    .addHelpText('after', postRubricFormat)
    .action((path: string, options: { client: string; note?: string }) =>
      importRubric(ctx, path, options),
    );
  rubric
    .command('show')
    .description('the current post rubric, readable')
    .requiredOption('--client <id>', 'the client')
    .action((options: { client: string }) => showRubric(ctx, options));
}

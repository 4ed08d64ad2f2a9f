import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One attribute's (or post criterion's) answer for one item, as the model would give it. */
export interface MockPoints {
  points: number | string;
  evidence: string[];
}

export type MockGrade = (leadId: string) => Record<string, MockPoints>;

/** How the mock answers one request. */
export type MockAnswer =
  | { kind: 'well' }
  /** Items in reverse order: only matching by ID gets them right. */
  | { kind: 'reversed' }
  | { kind: 'fenced' }
  | { kind: 'prose' }
  /** Cut in the middle with finish_reason "length". */
  | { kind: 'truncated' }
  | { kind: 'wrong-ids' }
  /** Leaves these leads out (default: the last one asked). */
  | { kind: 'missing-ids'; ids?: string[] }
  /** Adds an item for a lead nobody asked about. */
  | { kind: 'extra-items' }
  /** Adds 1000 to every point of these leads (default: all), outside any attribute's range. */
  | { kind: 'out-of-range'; ids?: string[] }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'raw'; content: string; finishReason?: string }
  /** A well-formed answer without the usage block (some local servers omit it). */
  | { kind: 'no-usage' };

export interface RecordedRequest {
  body: Record<string, unknown>;
  /** The IDs of the items asked about: leads, or posts. */
  leadIds: string[];
  authorization: string | undefined;
  answer: MockAnswer['kind'];
}

export interface MockOptions {
  grade?: MockGrade;
  /** Added before every answer (the benchmark's fixed provider latency). */
  latencyMs?: number;
}

interface ChatBody {
  model?: string;
  max_tokens?: number;
  messages?: { role: string; content: string }[];
}

const tokensOf = (text: string) => Math.ceil(text.length / 4);

/** What a request asks about: leads (answered as `attributes`) or posts (as `criteria`). */
interface Asked {
  kind: 'leads' | 'posts';
  ids: string[];
}

const pointsField = { leads: 'attributes', posts: 'criteria' } as const;

type MockItem = { id: string } & Record<string, unknown>;

/**
 * A local server on 127.0.0.1 speaking the chat-completions protocol (POST
 * /v1/chat/completions). Answers are scripted: queued answers are used first, in request
 * order, then "well". It reads the item IDs from the last user message (`{"leads":[{"id"…}]}`
 * or `{"posts":[{"id"…}]}`),
 * honours max_tokens like a real model (cuts off, finish_reason "length"), and records requests.
 */
export class ChatCompletionsServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: MockAnswer[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  private served = 0;

  constructor(private readonly options: MockOptions = {}) {}

  /** Base URL to configure the provider with (ends in /v1). */
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/v1`;
    return this;
  }

  /** Queues answers for the next requests, in order. */
  enqueue(...answers: MockAnswer[]): this {
    this.queue.push(...answers);
    return this;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      return send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
    }
    const body = JSON.parse(text) as ChatBody;
    const asked = askedOf(body);
    const leadIds = asked.ids;
    const answer = this.queue.shift() ?? { kind: 'well' };
    this.requests.push({
      body: body as Record<string, unknown>,
      leadIds,
      authorization: req.headers.authorization,
      answer: answer.kind,
    });

    await this.wait((this.options.latencyMs ?? 0) + (answer.kind === 'slow' ? answer.delayMs : 0));
    if (res.destroyed) return;
    if (answer.kind === 'status') return this.sendStatus(res, answer);
    const { content, finishReason } = this.content(answer, asked, body.max_tokens);
    send(res, 200, this.completion(body, content, finishReason, answer.kind !== 'no-usage'));
  }

  private sendStatus(res: ServerResponse, answer: Extract<MockAnswer, { kind: 'status' }>) {
    if (answer.retryAfter !== undefined) res.setHeader('retry-after', answer.retryAfter);
    send(res, answer.status, { error: { message: answer.body ?? `mock status ${answer.status}` } });
  }

  private content(answer: MockAnswer, asked: Asked, maxTokens: number | undefined) {
    if (answer.kind === 'raw') {
      return { content: answer.content, finishReason: answer.finishReason ?? 'stop' };
    }
    const json = JSON.stringify({ [asked.kind]: this.items(answer, asked) });
    if (answer.kind === 'truncated') {
      return { content: json.slice(0, Math.floor(json.length / 2)), finishReason: 'length' };
    }
    const content = wrap(answer, json);
    if (maxTokens !== undefined && tokensOf(content) > maxTokens) {
      return { content: content.slice(0, maxTokens * 4), finishReason: 'length' };
    }
    return { content, finishReason: 'stop' };
  }

  private items(answer: MockAnswer, asked: Asked): MockItem[] {
    const grade = this.options.grade ?? (() => ({}));
    const field = pointsField[asked.kind];
    let ids = asked.ids;
    if (answer.kind === 'missing-ids') {
      const dropped = answer.ids ?? asked.ids.slice(-1);
      ids = ids.filter((id) => !dropped.includes(id));
    }
    let items: MockItem[] = ids.map((id) => ({ id, [field]: grade(id) }));
    if (answer.kind === 'wrong-ids') items = items.map((item) => ({ ...item, id: `${item.id}-x` }));
    if (answer.kind === 'reversed') items.reverse();
    if (answer.kind === 'extra-items') items.push({ id: 'lead-nobody-asked', [field]: {} });
    if (answer.kind === 'out-of-range') {
      const hit = answer.ids ?? asked.ids;
      items = items.map((item) => (hit.includes(item.id) ? outOfRange(item, field) : item));
    }
    return items;
  }

  private completion(body: ChatBody, content: string, finishReason: string, usage: boolean) {
    this.served += 1;
    const prompt = (body.messages ?? []).map((message) => message.content).join('\n');
    return {
      id: `chatcmpl-mock-${this.served}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? 'mock',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
      ...(usage
        ? {
            usage: {
              prompt_tokens: tokensOf(prompt),
              completion_tokens: tokensOf(content),
              total_tokens: tokensOf(prompt) + tokensOf(content),
            },
          }
        : {}),
    };
  }

  private wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function wrap(answer: MockAnswer, json: string): string {
  if (answer.kind === 'fenced') return `\`\`\`json\n${json}\n\`\`\``;
  if (answer.kind === 'prose')
    return `Here are the scores:\n${json}\nLet me know if you need more.`;
  return json;
}

function outOfRange(item: MockItem, field: string): MockItem {
  const points = item[field] as Record<string, MockPoints>;
  const shifted = Object.fromEntries(
    Object.entries(points).map(([id, value]) => [
      id,
      { ...value, points: Number(value.points) + 1000 },
    ]),
  );
  return { ...item, [field]: shifted };
}

function askedOf(body: ChatBody): Asked {
  const user = (body.messages ?? []).filter((message) => message.role === 'user').at(-1);
  if (!user) return { kind: 'leads', ids: [] };
  try {
    const parsed = JSON.parse(user.content) as Record<string, { id?: unknown }[] | undefined>;
    const kind = Array.isArray(parsed.posts) ? 'posts' : 'leads';
    return { kind, ids: (parsed[kind] ?? []).map((item) => String(item.id)) };
  } catch {
    return { kind: 'leads', ids: [] };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

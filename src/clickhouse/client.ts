/**
 * A small ClickHouse client over its HTTP interface, on node:http. The official
 * @clickhouse/client also talks to 18.16, but the loader needs exactly three things (a query
 * returning JSONCompact, an INSERT of a ready body with per-query settings and query_id, and clear
 * errors), so plain HTTP costs no dependency and keeps every request visible here.
 *
 * Credentials come from the URL (`http://user:pass@host:8123`) or CLICKHOUSE_USER /
 * CLICKHOUSE_PASSWORD; they are sent as HTTP Basic authentication and never appear in a message.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LogtallyError } from '../errors/logtally-error.js';

export interface Credentials {
  user?: string;
  password?: string;
}

export type Row = unknown[];

/** Settings sent with every request: 64-bit numbers as JSON numbers, not strings. */
const BASE_SETTINGS = { output_format_json_quote_64bit_integers: '0' };

const CONNECT_MS = 10_000;
/** A report on a large table may compute for minutes before its first byte; beyond this the server is taken as gone. */
const IDLE_MS = 900_000;

/** ClickHouse error codes that mean the credentials were refused (192 unknown user, 193 wrong password, 516 newer servers). */
const AUTH_CODES = new Set([192, 193, 194, 516]);

export class ClickHouseClient {
  readonly url: URL;
  /** The server as messages name it: scheme, host and port, never the credentials. */
  readonly name: string;
  private readonly authorization?: string;

  constructor(url: string, env: Credentials = {}) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new LogtallyError('USAGE', `not a ClickHouse HTTP URL: "${redact(url)}" (e.g. http://127.0.0.1:8123)`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new LogtallyError('USAGE', `a ClickHouse URL starts with http:// or https://; got "${redact(url)}"`);
    const user = parsed.username !== '' ? decodeURIComponent(parsed.username) : env.user;
    const password = parsed.password !== '' ? decodeURIComponent(parsed.password) : env.password;
    parsed.username = '';
    parsed.password = '';
    this.url = parsed;
    this.name = `${parsed.protocol}//${parsed.host}`;
    if (user !== undefined || password !== undefined)
      this.authorization = `Basic ${Buffer.from(`${user ?? 'default'}:${password ?? ''}`).toString('base64')}`;
  }

  /** Runs a statement that returns nothing (DDL, ALTER). */
  async execute(sql: string, settings: Record<string, string> = {}): Promise<void> {
    await this.request(sql, undefined, settings);
  }

  /** Runs a SELECT and returns its rows as arrays, in column order. */
  async query(sql: string, settings: Record<string, string> = {}): Promise<Row[]> {
    const text = await this.request(`${sql}\nFORMAT JSONCompact`, undefined, settings);
    return (JSON.parse(text) as { data: Row[] }).data;
  }

  /** Sends `body` (rows in the statement's format) as the data of an INSERT statement. */
  async insert(statement: string, body: Buffer, settings: Record<string, string> = {}): Promise<void> {
    await this.request(statement, body, settings);
  }

  private async request(sql: string, body: Buffer | undefined, settings: Record<string, string>): Promise<string> {
    const url = new URL(this.url);
    for (const [name, value] of Object.entries({ ...BASE_SETTINGS, ...settings })) url.searchParams.set(name, value);
    // With a body, the statement goes in the URL; without, it is the body (no URL length limit).
    if (body !== undefined) url.searchParams.set('query', sql);
    const payload = body ?? Buffer.from(sql);
    const { status, text } = await this.post(url, payload);
    if (status >= 200 && status < 300) return text;
    throw this.failure(status, text);
  }

  /**
   * One request on a connection of its own: the server closes idle keep-alive connections after
   * a few seconds, and a request sent on one it just closed fails without saying whether an
   * INSERT was applied; a fresh connection per request costs a loopback handshake per batch.
   */
  private post(url: URL, payload: Buffer): Promise<{ status: number; text: string }> {
    const headers: Record<string, string | number> = { 'content-length': payload.length, connection: 'close' };
    if (this.authorization) headers.authorization = this.authorization;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(url, { method: 'POST', headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', (error) => reject(this.unreachable(error)));
      });
      request.on('error', (error) => reject(this.unreachable(error)));
      // A host that drops packets would otherwise hold the command until the OS gives up.
      const connecting = setTimeout(
        () => request.destroy(Object.assign(new Error('no connection'), { code: `no connection within ${CONNECT_MS / 1000} s` })),
        CONNECT_MS,
      );
      request.on('socket', (socket) => socket.once('connect', () => clearTimeout(connecting)));
      request.on('close', () => clearTimeout(connecting));
      request.setTimeout(IDLE_MS, () =>
        request.destroy(Object.assign(new Error('no answer'), { code: `no answer within ${IDLE_MS / 1000} s` })),
      );
      request.end(payload);
    });
  }

  private unreachable(error: Error): LogtallyError {
    const code = (error as NodeJS.ErrnoException).code;
    return new LogtallyError('IO', `cannot reach ClickHouse at ${this.name}: ${code ?? error.message}`, {}, { cause: error });
  }

  private failure(status: number, text: string): LogtallyError {
    const code = Number(/^Code: (\d+)/.exec(text)?.[1] ?? NaN);
    if (status === 401 || status === 403 || AUTH_CODES.has(code))
      return new LogtallyError(
        'USAGE',
        `ClickHouse at ${this.name} refused the login: wrong user or password (set them in the URL or CLICKHOUSE_USER / CLICKHOUSE_PASSWORD)`,
      );
    const message = serverMessage(text);
    return new LogtallyError(
      'IO',
      message === ''
        ? `${this.name} answered HTTP ${status} with no message: is it a ClickHouse HTTP interface (port 8123 by default)?`
        : `ClickHouse at ${this.name} answered HTTP ${status}: ${message}`,
    );
  }
}

/** The useful part of a ClickHouse error body: `Code: 60, e.displayText() = DB::Exception: Table … doesn't exist., e.what() = …`. */
export function serverMessage(text: string): string {
  const first = text.trim().split('\n')[0] ?? '';
  const display = /e\.displayText\(\) = (?:DB::Exception: )?(.*?)(?:, e\.what\(\) = .*)?$/.exec(first);
  const code = /^Code: (\d+)/.exec(first)?.[1];
  const message = display?.[1] ?? first.replace(/^Code: \d+\.?\s*(?:DB::Exception: )?/, '');
  return code === undefined ? message : `${message} (code ${code})`;
}

/** A URL as it may be shown: without its password. */
export function redact(url: string): string {
  return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@');
}

/** A string literal for SQL: quotes and backslashes escaped. */
export const sqlString = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** An identifier for SQL (database, table, cluster names): backquoted. */
export function sqlName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new LogtallyError('USAGE', `"${name}" is not a plain ClickHouse name (letters, digits and _; not starting with a digit)`);
  return `\`${name}\``;
}

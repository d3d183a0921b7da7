/** `lifecycle-studio serve [--port N] [--data DIR]`: runs the server with the editor until SIGTERM/SIGINT. */
import { resolve } from 'node:path';
import { startServer, type RunningServer, type StartOptions } from '../server/start.ts';
import type { CliIo } from './io.ts';

const USAGE = 'usage: lifecycle-studio serve [--port N] [--data DIR] [--host HOST] [--new-admin-key]';

interface ServeArgs {
  port: number;
  dataDir: string;
  hostname: string;
  renewAdminKey: boolean;
}

/** Reads the flags; `PORT` is the default port. Returns an error message for bad input. */
export function parseServeArgs(args: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string): ServeArgs | string {
  const parsed: ServeArgs = { port: 8080, dataDir: resolve(cwd, 'data'), hostname: '127.0.0.1', renewAdminKey: false };
  const portText = env['PORT'];
  if (portText !== undefined && portText !== '') {
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) return `PORT must be a port number (0–65535), not "${portText}"`;
    parsed.port = port;
  }
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] as string;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (name) {
      case '--port': {
        const text = value();
        const port = Number(text);
        if (text === undefined || text === '' || !Number.isInteger(port) || port < 0 || port > 65535) return `--port needs a port number (0–65535)`;
        parsed.port = port;
        break;
      }
      case '--data': {
        const dir = value();
        if (dir === undefined || dir === '') return '--data needs a directory';
        parsed.dataDir = resolve(cwd, dir);
        break;
      }
      case '--host': {
        const host = value();
        if (host === undefined || host === '') return '--host needs a host name or address';
        parsed.hostname = host;
        break;
      }
      case '--new-admin-key':
        parsed.renewAdminKey = true;
        break;
      default:
        return `unknown option "${flag}"`;
    }
  }
  return parsed;
}

/**
 * `LIFECYCLE_CORS_ORIGINS` (comma-separated origins; CORS is off without it) and `LIFECYCLE_INGEST_RATE`
 * (ingestion requests per second per key; `0` turns the limit off).
 *
 * @example
 * limitsFromEnv({ LIFECYCLE_CORS_ORIGINS: 'https://crm.example.com', LIFECYCLE_INGEST_RATE: '100' });
 */
export function limitsFromEnv(env: Readonly<Record<string, string | undefined>>): Pick<StartOptions, 'corsOrigins' | 'ingestRateLimit'> {
  const out: Pick<StartOptions, 'corsOrigins' | 'ingestRateLimit'> = {};
  const origins = (env['LIFECYCLE_CORS_ORIGINS'] ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  if (origins.length > 0) out.corsOrigins = origins;
  const rate = Number(env['LIFECYCLE_INGEST_RATE'] ?? 'NaN');
  if (Number.isFinite(rate) && rate >= 0) out.ingestRateLimit = rate === 0 ? false : { perSecond: rate, burst: rate * 2 };
  return out;
}

/** The start banner: where to go, and the admin key when this start created or adopted one. */
export function startBanner(server: Pick<RunningServer, 'url' | 'adminKey'>, dataDir: string): string[] {
  const lines = [`Lifecycle Studio is running at ${server.url}/`, `  API:  ${server.url}/v1  (OpenAPI: ${server.url}/v1/openapi.json)`, `  data: ${dataDir}`];
  const admin = server.adminKey;
  if (admin === undefined) {
    lines.push('  admin key: created on the first start (only its hash is kept); set LIFECYCLE_ADMIN_KEY or start with --new-admin-key for a new one');
  } else {
    const origin = admin.source === 'env' ? ' (from LIFECYCLE_ADMIN_KEY)' : '';
    lines.push(`  admin key${origin}: ${admin.key}`, `  log in:    ${server.url}/?key=${encodeURIComponent(admin.key)}`);
    if (admin.source !== 'env') lines.push('  Keep the key safe: it is shown only now.');
  }
  return lines;
}

/**
 * Runs the server until SIGTERM or SIGINT, then stops accepting, finishes requests in flight, flushes the
 * store and resolves to 0.
 *
 * @example
 * process.exitCode = await serveCommand(['--port', '8080', '--data', './data'], io);
 */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseServeArgs(args, process.env, io.cwd);
  if (typeof parsed === 'string') {
    io.stderr(`lifecycle-studio serve: ${parsed}\n${USAGE}`);
    return 2;
  }
  let server: RunningServer;
  try {
    server = await startServer({
      port: parsed.port,
      hostname: parsed.hostname,
      dataDir: parsed.dataDir,
      adminKey: process.env['LIFECYCLE_ADMIN_KEY'],
      renewAdminKey: parsed.renewAdminKey,
      ...limitsFromEnv(process.env),
      log: (message, error) => io.stderr(`${message}${error === undefined ? '' : `: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}`),
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${parsed.port} is in use; choose another with --port or PORT`
        : code === 'EACCES'
          ? `not allowed to use port ${parsed.port} or the data directory ${parsed.dataDir}`
          : error instanceof Error
            ? error.message
            : String(error);
    io.stderr(`lifecycle-studio serve: cannot start: ${reason}`);
    return 1;
  }
  for (const line of startBanner(server, parsed.dataDir)) io.stdout(line);
  return new Promise<number>((resolveExit) => {
    const stop = (signal: string): void => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      io.stdout(`${signal}: stopping (finishing requests in flight, flushing data)…`);
      server.close().then(
        () => {
          io.stdout('stopped.');
          resolveExit(0);
        },
        (error: unknown) => {
          io.stderr(`lifecycle-studio serve: error while stopping: ${error instanceof Error ? error.message : String(error)}`);
          resolveExit(1);
        },
      );
    };
    const onTerm = (): void => stop('SIGTERM');
    const onInt = (): void => stop('SIGINT');
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
  });
}

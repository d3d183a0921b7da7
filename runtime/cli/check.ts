/** `lifecycle-studio check FILE…`: validates journeys and prints `file:line:col: error: message` diagnostics. */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { decodeJourneyBytes, loadJourneySource } from '../../dsl/load.ts';
import type { Diagnostic } from '../../dsl/diagnostics.ts';
import type { CliIo } from './io.ts';

const USAGE = 'usage: lifecycle-studio check FILE…';

/** One diagnostic as one line, in the form editors and CI annotate: `file:line:col: error: message`. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const line = d.span?.line ?? 1;
  const column = d.span?.column ?? 1;
  const where = d.nodeId !== undefined ? ` (node ${d.nodeId})` : '';
  return `${file}:${line}:${column}: ${d.severity}: ${d.message}${where} [${d.code}]`;
}

function errorCause(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a journey file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Checks every file and returns the exit code: 1 if any file has an error, 0 otherwise.
 *
 * @example
 * const code = await checkCommand(['templates/dormancy-ladder/journeys/dormancy-ladder.json'], io);
 */
export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const files = args.filter((a) => a !== '--');
  if (files.length === 0 || files.some((f) => f === '--help' || f === '-h')) {
    io.stderr(USAGE);
    return files.length === 0 ? 2 : 0;
  }
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const inside = isAbsolute(file) ? relative(io.cwd, file) : file;
    const shown = inside !== '' && !inside.startsWith('..') ? inside : file;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      io.stdout(`${shown}:1:1: error: ${errorCause(error)} [io]`);
      errors++;
      continue;
    }
    const text = decodeJourneyBytes(bytes);
    if (typeof text !== 'string') {
      io.stdout(`${shown}:1:1: error: ${text.error} [not-a-journey]`);
      errors++;
      continue;
    }
    const { diagnostics } = loadJourneySource(text, { fileName: file });
    for (const d of diagnostics) {
      io.stdout(formatDiagnostic(shown, d));
      if (d.severity === 'error') errors++;
      else warnings++;
    }
  }
  io.stderr(`checked ${files.length} file${files.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return errors > 0 ? 1 : 0;
}

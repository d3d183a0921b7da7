/** The `lifecycle-studio` command line: dispatches to `serve`, `check`, `simulate` and `pack`. */
import type { CliIo } from './io.ts';

const HELP = `Lifecycle Studio — customer-lifecycle journeys

usage:
  lifecycle-studio serve [--port N] [--data DIR]     the server with the editor
  lifecycle-studio check FILE…                       validate journeys (text or JSON)
  lifecycle-studio simulate --journey FILE|TEMPLATE_ID --events FILE.ndjson
                            [--until ISO_TIME] [--param name=value]…
                                                     run a journey on a virtual clock, print effects as JSON lines
  lifecycle-studio pack export TEMPLATE_ID [--out FILE] [--key PRIVATE_KEY_FILE]
  lifecycle-studio pack import FILE [--dry-run]      template packs as one file`;

const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  drained: () =>
    process.stdout.writableNeedDrain && !process.stdout.destroyed
      ? new Promise((resolve) => {
          const done = (): void => {
            process.stdout.off('drain', done).off('close', done);
            resolve();
          };
          process.stdout.once('drain', done).once('close', done);
        })
      : Promise.resolve(),
  cwd: process.cwd(),
};

/**
 * Runs one CLI invocation and resolves to its exit code.
 *
 * @example
 * process.exitCode = await main(['check', 'my-journey.journey']);
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'check':
        return await (await import('./check.ts')).checkCommand(args, io);
      case 'simulate':
        return await (await import('./simulate.ts')).simulateCommand(args, io);
      case 'serve':
        return await (await import('./serve.ts')).serveCommand(args, io);
      case 'pack':
        return await (await import('../../templates/cli.ts')).packCommand(args, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`lifecycle-studio: unknown command "${command}"\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    // A bug, not bad input: say so in one line; the stack only on request.
    io.stderr(`lifecycle-studio ${command}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env['LIFECYCLE_DEBUG']) io.stderr(error instanceof Error ? (error.stack ?? '') : '');
    return 70;
  }
}

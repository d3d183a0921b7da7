#!/usr/bin/env node
// The `lifecycle-studio` command: loads the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`lifecycle-studio simulate … | head`) closes the pipe: stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../runtime/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

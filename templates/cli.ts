/** `lifecycle-studio pack …`: make a signing key, export a template pack as one file, check and preview a pack file before installing it. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatPath, type Diagnostic } from '../dsl/diagnostics.ts';
import { generateSigningKey } from '../dsl/pack/crypto.ts';
import { exportPack } from '../dsl/pack/export.ts';
import { importPack, type InstalledLookup } from '../dsl/pack/import.ts';
import type { CliIo } from '../runtime/cli/io.ts';
import { findTemplate, listTemplates } from './index.ts';

const USAGE = `usage:
  lifecycle-studio pack keygen --out KEY_FILE                 make an Ed25519 signing key (keep KEY_FILE secret; share the printed public key)
  lifecycle-studio pack export TEMPLATE_ID [--out FILE] [--key KEY_FILE]
                                                              export a built-in pack as one file (signed with --key)
  lifecycle-studio pack import FILE [--trusted-key PUBLIC_KEY]… [--dry-run] [--out DIR]
                                                              verify a pack file and preview it against the built-in packs;
                                                              without --dry-run, write it as a pack folder into DIR`;

interface ParsedArgs {
  positional: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

function parseArgs(args: readonly string[], withValue: readonly string[]): ParsedArgs | string {
  const parsed: ParsedArgs = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (withValue.includes(arg)) {
      const value = args[++i];
      if (value === undefined) return `${arg} needs a value`;
      parsed.options.set(arg, [...(parsed.options.get(arg) ?? []), value]);
    } else if (arg.startsWith('--')) {
      parsed.flags.add(arg);
    } else {
      parsed.positional.push(arg);
    }
  }
  return parsed;
}

const describe = (d: Diagnostic): string => `${d.severity}: ${formatPath(d.path)}: ${d.message} [${d.code}]`;

/**
 * Runs `pack keygen|export|import` and returns the exit code (0 ok, 1 rejected or failed, 2 usage).
 *
 * @example
 * await packCommand(['export', 'aarrr', '--out', 'aarrr.pack.json', '--key', 'consultant.key.json'], io);
 */
export async function packCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'keygen':
      return keygen(rest, io);
    case 'export':
      return packExportCommand(rest, io);
    case 'import':
      return packImportCommand(rest, io);
    default:
      io.stderr(USAGE);
      return sub === '--help' || sub === '-h' ? 0 : 2;
  }
}

async function keygen(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['--out']);
  const out = typeof parsed === 'string' ? undefined : parsed.options.get('--out')?.[0];
  if (out === undefined) {
    io.stderr(typeof parsed === 'string' ? parsed : USAGE);
    return 2;
  }
  const key = await generateSigningKey();
  try {
    await writeFile(resolve(io.cwd, out), `${JSON.stringify(key.privateKey, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    io.stderr(`pack keygen: cannot write ${out}: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'the file exists (keys are never overwritten)' : (error as Error).message}`);
    return 1;
  }
  io.stdout(`private key written to ${out} (keep it secret)`);
  io.stdout(`public key: ${key.publicKey}`);
  return 0;
}

/**
 * `pack export TEMPLATE_ID [--out FILE] [--key KEY_FILE]`: the pack as one file, to FILE or stdout.
 *
 * @example
 * await packExportCommand(['dormancy-ladder', '--out', 'ladder.pack.json'], io);
 */
export async function packExportCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['--out', '--key']);
  if (typeof parsed === 'string' || parsed.positional.length !== 1) {
    io.stderr(typeof parsed === 'string' ? parsed : USAGE);
    return 2;
  }
  const id = parsed.positional[0]!;
  const pack = findTemplate(id);
  if (pack === undefined) {
    io.stderr(`pack export: there is no template "${id}" (known: ${listTemplates().map((p) => p.id).join(', ')})`);
    return 1;
  }
  const keyFile = parsed.options.get('--key')?.[0];
  let privateKey: JsonWebKey | undefined;
  if (keyFile !== undefined) {
    try {
      privateKey = JSON.parse(await readFile(resolve(io.cwd, keyFile), 'utf8')) as JsonWebKey;
    } catch (error) {
      io.stderr(`pack export: cannot read the key ${keyFile}: ${(error as Error).message}`);
      return 1;
    }
  }
  let text: string;
  try {
    text = await exportPack(pack, privateKey === undefined ? {} : { privateKey });
  } catch (error) {
    io.stderr(`pack export: ${(error as Error).message}`);
    return 1;
  }
  const out = parsed.options.get('--out')?.[0];
  if (out === undefined) {
    io.stdout(text.trimEnd());
    return 0;
  }
  await writeFile(resolve(io.cwd, out), text);
  io.stdout(`wrote ${out}${privateKey === undefined ? ' (unsigned)' : ' (signed)'}`);
  return 0;
}

/** The built-in packs as the installed set a preview compares against. */
const builtInLookup: InstalledLookup = {
  journey: (id) => {
    for (const pack of listTemplates()) {
      const document = pack.journeys.find((j) => j.id === id);
      if (document !== undefined) return { version: document.version, document };
    }
    return undefined;
  },
  pack: (id) => {
    const pack = findTemplate(id);
    return pack === undefined ? undefined : { version: pack.version };
  },
};

/**
 * `pack import FILE [--trusted-key KEY]… [--dry-run] [--out DIR]`: verifies the file, prints the preview,
 * and unless `--dry-run` writes the pack as a folder (pack.json, journeys/, notes.json) into a new DIR.
 *
 * @example
 * await packImportCommand(['ladder.pack.json', '--trusted-key', consultantKey, '--dry-run'], io);
 */
export async function packImportCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['--trusted-key', '--out']);
  if (typeof parsed === 'string' || parsed.positional.length !== 1) {
    io.stderr(typeof parsed === 'string' ? parsed : USAGE);
    return 2;
  }
  const file = parsed.positional[0]!;
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    io.stderr(`${file}: cannot read: ${(error as Error).message}`);
    return 1;
  }
  const trustedKeys = parsed.options.get('--trusted-key');
  const result = await importPack(text, { existing: builtInLookup, ...(trustedKeys === undefined ? {} : { trustedKeys }) });
  for (const warning of result.warnings) io.stderr(`${file}: ${describe(warning)}`);
  if (!result.ok || result.pack === undefined) {
    for (const error of result.errors) io.stderr(`${file}: ${describe(error)}`);
    io.stderr(`${file}: rejected`);
    return 1;
  }
  const { preview, pack } = result;
  io.stdout(`pack ${pack.id} ${pack.version}: ${preview.pack?.status ?? 'new'}${preview.pack?.installedVersion ? ` (installed: ${preview.pack.installedVersion})` : ''}${result.signedBy ? `, signed by ${result.signedBy}` : ', unsigned'}`);
  for (const j of preview.added) io.stdout(`  add       ${j.journeyId} v${j.version}`);
  for (const j of preview.changed) io.stdout(`  new version ${j.journeyId} v${j.installedVersion} → v${j.version}`);
  for (const j of preview.unchanged) io.stdout(`  unchanged ${j.journeyId} v${j.version}`);
  if (parsed.flags.has('--dry-run')) return 0;

  const dir = resolve(io.cwd, parsed.options.get('--out')?.[0] ?? pack.id);
  try {
    await mkdir(dir, { recursive: false });
  } catch (error) {
    io.stderr(`pack import: cannot create ${dir}: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'it exists (a pack folder is never overwritten; choose another --out)' : (error as Error).message}`);
    return 1;
  }
  await mkdir(resolve(dir, 'journeys'));
  const { journeys, notes, ...manifest } = pack;
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  await writeFile(resolve(dir, 'pack.json'), json({ ...manifest, journeys: journeys.map((j) => j.id) }));
  await writeFile(resolve(dir, 'notes.json'), json(notes));
  for (const journey of journeys) await writeFile(resolve(dir, 'journeys', `${journey.id}.json`), json(journey));
  io.stdout(`wrote ${dir}`);
  return 0;
}

/**
 * The `convkit` command-line program. `bin/convkit.js` calls `runCli`; tests call it too with a
 * buffer IO. Commands live one per file in `commands/` and register themselves when loaded: adding
 * one is a single line in COMMANDS below.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { inFlagWords } from './flag-words.js';
import { processIO } from './io.js';
import type { CliIO } from './io.js';
import { registeredCommands } from './registry.js';
import { checkRequiredAfterUnknown } from './required-options.js';
import { EXIT_BAD_INPUT, EXIT_OK, reportError } from './run.js';

/**
 * Commands (one line each; help lists them in this order). Only the command being run is loaded,
 * so that it does not pay at start-up for every other command's modules (YAML, protobuf, the
 * renderer, …). Help, a version or an unknown command loads them all.
 */
const COMMANDS: Record<string, () => Promise<unknown>> = {
  explain: () => import('./commands/explain.js'),
  solve: () => import('./commands/solve.js'),
  trace: () => import('./commands/trace.js'),
  matrix: () => import('./commands/matrix.js'),
  animate: () => import('./commands/animate.js'),
  gallery: () => import('./commands/gallery.js'),
  rf: () => import('./commands/rf.js'),
  summary: () => import('./commands/summary.js'),
};
const ORDER = Object.keys(COMMANDS);

/** Loads the commands `argv` needs: the one it names, or all of them. */
export async function loadCommands(argv: readonly string[]): Promise<void> {
  const first = argv[0];
  const names = first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : ORDER;
  for (const name of names) await COMMANDS[name]();
}

function version(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Whether `argv` asks for Chinese text (`--lang zh` or `--lang=zh`): usage errors come before any action reads it. */
function asksChinese(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--lang=zh' || (a === '--lang' && argv[i + 1] === 'zh'));
}

/** Commander's usage errors in Chinese (the common ones; any other stays English). */
const USAGE_ZH: [RegExp, string][] = [
  [/^error: unknown option '([^']*)'/, "未知选项 '$1'"],
  [/^error: required option '([^']*)' not specified/, "缺少必需的选项 '$1'"],
  [/^error: option '([^']*)' argument missing/, "选项 '$1' 缺少取值"],
  [/ \(Did you mean ([^?]*)\?\)/, '（是否想输入 $1？）'],
];

function usageLine(s: string, lang: 'en' | 'zh'): string {
  const line = s.trim().replace(/\s*\n\s*/g, ' ');
  if (lang === 'zh' && USAGE_ZH.slice(0, 3).some(([re]) => re.test(line))) {
    return `convkit: 错误：${USAGE_ZH.reduce((t, [re, zh]) => t.replace(re, zh), line)}`;
  }
  return `convkit: ${line}`;
}

/** The program with the commands loaded so far (see loadCommands), in help order. */
export function createProgram(io: CliIO = processIO, lang: 'en' | 'zh' = 'en'): Command {
  const program = new Command('convkit')
    .description('Compute, explain and draw convolutions (standard, transposed, dilated) exactly as PyTorch does.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // Usage errors stay on one line: "convkit: error: unknown option '--foo' (Did you mean --pool?)".
      outputError: (s, write) => write(`${usageLine(s, lang)}\n`),
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', '\nBad input ends with a one-line message on stderr and exit code 2. Every command takes --help, and every one that prints a result (all but solve itself, which groups three) takes --json.');
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  for (const c of [...registeredCommands()].sort((a, b) => rank(a.name) - rank(b.name))) c.attach(program, io);
  // A misspelt required flag is reported as unknown (with its near miss), not as missing.
  checkRequiredAfterUnknown(program);
  return program;
}

/** Runs the program on user arguments (no `node` / script name); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  await loadCommands(argv);
  const program = createProgram(io, asksChinese(argv) ? 'zh' : 'en');
  // The command whose action runs, so that a refusal can name that command's flags.
  let acting: Command | undefined;
  program.hook('preAction', (_program, action) => {
    acting = action;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end with 0; usage errors (commander already printed one line) with 2.
      if (e.exitCode === 0) return EXIT_OK;
      // Under --json a program reads stdout: a usage error is an {"error": …} there too, as a refusal is.
      if (argv.includes('--json')) {
        const message = e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
        io.out(`${JSON.stringify({ error: { name: 'UsageError', code: 'USAGE', reason: e.code, message } }, null, 2)}\n`);
      }
      return EXIT_BAD_INPUT;
    }
    const command = acting;
    // The language the command was asked to write in (its --lang, where it has one and it is valid).
    const lang = command?.opts().lang === 'zh' ? 'zh' : 'en';
    return reportError(io, e, argv.includes('--json'), command ? (m) => inFlagWords(m, command) : undefined, lang);
  }
}

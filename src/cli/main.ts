import { Command, CommanderError } from 'commander';
import { commandGroups } from './commands/index.js';

/**
 * The `lienthong` command (bin/lienthong.mjs, `npm start` = `lienthong serve`). A failing command
 * prints one line — `lienthong: <what went wrong and what to do>` — and exits with code 1; set
 * LIENTHONG_DEBUG=1 to see the stack trace.
 */
export function buildProgram(): Command {
  const program = new Command('lienthong')
    .description("GraphQL data-integration hub for Vietnam's two-tier local government")
    .showHelpAfterError('(run `lienthong --help` for the commands)');
  for (const register of commandGroups) register(program);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await buildProgram().exitOverride().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the usage problem (or the help / version) itself.
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`lienthong: ${message}\n`);
    if (process.env.LIENTHONG_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}

await main();

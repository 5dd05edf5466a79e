import { UsageError } from './args.ts';
import { COMMANDS, HELP } from './commands.ts';

/** Runs the `triggerbench` CLI; returns the exit code (2 for usage errors, 1 for failures). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { createRequire } = await import('node:module');
    process.stdout.write(`${(createRequire(import.meta.url)('../../package.json') as { version: string }).version}\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  const command = typeof entry === 'function' ? await entry() : entry;
  if (!command) {
    process.stderr.write(`triggerbench: unknown command '${name}'. Run 'triggerbench --help' for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`triggerbench ${name}: ${error.message}\nRun 'triggerbench ${name} --help' for usage.\n`);
      return 2;
    }
    const code = (error as { code?: string }).code;
    process.stderr.write(`triggerbench ${name}: ${code ? `${code}: ` : ''}${(error as Error).message}\n`);
    return 1;
  }
}

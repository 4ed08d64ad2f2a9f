// The `leadbase` command.
import './process-setup.ts';

const { runCli } = await import('./program.ts');
process.exitCode = await runCli(process.argv.slice(2));

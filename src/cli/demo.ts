// `npm run demo`: the same as `leadbase demo`.
import './process-setup.ts';

const { runCli } = await import('./program.ts');
process.exitCode = await runCli(['demo', ...process.argv.slice(2)]);

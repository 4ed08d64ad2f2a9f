// The `leadbase` command. Logging is configured before any module that logs is loaded:
// results go to stdout, so logs go to stderr, and only warnings unless asked for more.
process.env.LEADBASE_LOG_DESTINATION ??= 'stderr';
process.env.LOG_LEVEL ??= process.env.LEADBASE_DEBUG === '1' ? 'debug' : 'warn';

const { runCli } = await import('./program.ts');
process.exitCode = await runCli(process.argv.slice(2));

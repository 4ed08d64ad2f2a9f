// Side effects every `leadbase` process needs before anything that logs is loaded: results go to
// stdout, so logs go to stderr, and only warnings unless asked for more. A server's log is what
// it has to say, so `leadbase serve`, `worker` and `scheduler` log at info.
const serving = ['serve', 'worker', 'scheduler'].includes(process.argv[2] ?? '');
process.env.LEADBASE_LOG_DESTINATION ??= 'stderr';
process.env.LOG_LEVEL ??= process.env.LEADBASE_DEBUG === '1' ? 'debug' : serving ? 'info' : 'warn';

// A reader that stops early (`leadbase leads list | head`) is not a failure of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

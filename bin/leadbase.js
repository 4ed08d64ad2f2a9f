#!/usr/bin/env node
// Loads the TypeScript CLI through tsx's loader in this same process, so that `npx leadbase`
// works without a build step and signals (Ctrl-C, SIGTERM to `leadbase serve`) reach it directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

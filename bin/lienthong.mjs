#!/usr/bin/env node
// The `lienthong` command. The project runs from its TypeScript sources through tsx's loader, so
// the bin works straight after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

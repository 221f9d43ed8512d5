import { cadre } from './cadre/index.js';
import type { Connector } from './contract.js';
import { dvcqg } from './dvcqg/index.js';
import { hotich } from './hotich/index.js';
import { igate } from './igate/index.js';
import { lgsp } from './lgsp/index.js';
import { onestop } from './onestop/index.js';

/** Every connector by kind (connectors/README.md). Add a new kind here, one line each. */
// biome-ignore lint/suspicious/noExplicitAny: each connector has its own config type; the engine validates with configSchema
export const connectors: Record<string, Connector<any>> = { dvcqg, onestop, igate, hotich, cadre, lgsp };

import pino from 'pino';

/** The hub's log: JSON lines on stderr (stdout stays for command output). `LOG_LEVEL` sets the level. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));

// Structured logs: one JSON object per line on stdout. Callers pass no secrets (no tokens, no
// codes); this module does not try to find them.

export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: LogFields) => void;

/** Logs to a writable (stdout by default). */
export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  return (level, msg, fields = {}) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  };
}

/** Drops everything (tests and the bench). */
export const silentLogger: Logger = () => {};

/** Helpers for the adapter tests (not used by production code). */
import { AppError } from '@hosp/shared';
import type { LoggerLike } from './upstream-http';

/** A logger that keeps every line (object JSON + message) for assertions on what gets logged. */
export function capturingLogger(): LoggerLike & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (obj, msg) => void lines.push(JSON.stringify(obj) + (msg ?? '')),
    warn: (obj, msg) => void lines.push(JSON.stringify(obj) + (msg ?? '')),
  };
}

/** The code of the AppError `p` rejects with; the test fails if it resolves or rejects otherwise. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error('expected a rejection');
}

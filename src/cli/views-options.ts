import type { PassageKind } from '../align/types.js';
import { UserError } from './errors.js';

/** Option parsers: a bad value is a usage error (exit 2) with one clear line. */

const KINDS: readonly PassageKind[] = ['verbatim', 'edited', 'paraphrase'];

export const parseKind = oneOf('--kind', KINDS);

export function parseCoverage(value: string): number {
  const coverage = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(coverage) || coverage < 0 || coverage > 1) {
    throw usage(`--min-coverage: expected a number from 0 to 1 (e.g. 0.6 for 60%), got "${value}"`);
  }
  return coverage;
}

export function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(limit) || limit < 1) {
    throw usage(`--limit: expected a whole number of at least 1, got "${value}"`);
  }
  return limit;
}

export function parseWidth(value: string): number {
  const width = Number(value);
  if (!Number.isInteger(width) || width < 40 || width > 1000) {
    throw usage(`--width: expected a whole number of columns between 40 and 1000, got "${value}"`);
  }
  return width;
}

/** Parser for an option whose value is one of `choices`. */
export function oneOf<T extends string>(option: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    const choice = value.trim().toLowerCase() as T;
    if (!choices.includes(choice)) throw usage(`${option}: expected ${listOr(choices)}, got "${value}"`);
    return choice;
  };
}

function listOr(choices: readonly string[]): string {
  return choices.length === 1 ? choices[0] : `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
}

function usage(message: string): UserError {
  return new UserError(message, 2);
}

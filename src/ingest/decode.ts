import { open, stat } from 'node:fs/promises';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { UserError } from '../cli/errors.js';

export interface DecodedText {
  /** The decoded text, BOM removed, line endings untouched. */
  text: string;
  /** The encoding it was decoded from, e.g. "utf-8", "utf-16le", "windows-1252". */
  encoding: string;
}

export interface ReadTextOptions {
  /** Refuse inputs larger than this (default 64 MiB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** How many leading bytes the binary sniffing looks at. */
const SNIFF_BYTES = 8192;
/** Above this share of control characters a file is treated as binary. */
const MAX_CONTROL_SHARE = 0.05;
/** Above this share of NUL bytes a file is binary (one stray NUL in a page of text is not). */
const MAX_ZERO_SHARE = 0.01;
/** Legacy encodings we trust chardet to pick; anything else falls back to Windows-1252. */
const LEGACY_CANDIDATES = new Map<string, string>([
  ['windows-1252', 'windows-1252'],
  // Browsers decode ISO-8859-1 as Windows-1252 too: it is a superset for printable text.
  ['iso-8859-1', 'windows-1252'],
  ['iso-8859-15', 'iso-8859-15'],
  ['windows-1250', 'windows-1250'],
  ['iso-8859-2', 'iso-8859-2'],
  ['windows-1251', 'windows-1251'],
  ['koi8-r', 'koi8-r'],
  ['shift_jis', 'shift_jis'],
  ['euc-jp', 'euc-jp'],
  ['gb18030', 'gb18030'],
  ['big5', 'big5'],
  ['euc-kr', 'euc-kr'],
]);
/** Multi-byte encodings are only believed when chardet is fairly sure. */
const MIN_CONFIDENCE = 50;

/**
 * Reads a text file ("-" = stdin) and decodes it to a string.
 * Throws UserError for missing, empty, binary, oversized inputs and directories.
 */
export async function readText(pathOrDash: string, options: ReadTextOptions = {}): Promise<DecodedText> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (pathOrDash === '-') {
    const buf = await readStream(process.stdin, 'stdin', maxBytes);
    return decodeBuffer(buf, 'stdin');
  }
  const buf = await readFileLimited(pathOrDash, maxBytes);
  return decodeBuffer(buf, pathOrDash);
}

/** Decodes raw bytes; `name` is only used in error messages. */
export function decodeBuffer(buf: Buffer, name = 'input'): DecodedText {
  if (buf.length === 0) throw new UserError(`${name}: empty file`);

  const bom = decodeWithBom(buf);
  if (bom) return checked(bom, name);

  const utf16 = sniffUtf16WithoutBom(buf);
  if (utf16) return checked({ text: iconv.decode(buf, utf16), encoding: utf16 }, name);

  if (looksBinary(buf)) throw binaryError(name);

  const utf8 = tryUtf8(buf);
  if (utf8 !== null) return checked({ text: utf8, encoding: 'utf-8' }, name);

  const encoding = guessLegacyEncoding(buf);
  return checked({ text: iconv.decode(buf, encoding), encoding }, name);
}

function decodeWithBom(buf: Buffer): DecodedText | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    // A UTF-8 BOM is a strong promise; replace the odd bad byte rather than guessing again.
    return { text: new TextDecoder('utf-8').decode(buf), encoding: 'utf-8' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv.decode(buf, 'utf-16le'), encoding: 'utf-16le' };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv.decode(buf, 'utf-16be'), encoding: 'utf-16be' };
  }
  return null;
}

/**
 * BOM-less UTF-16 of mostly-Latin text has a zero in nearly every other byte;
 * binary files have zeros too, but not in such a regular pattern.
 */
function sniffUtf16WithoutBom(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) zeroEven++;
    if (buf[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd / pairs > 0.7 && zeroEven / pairs < 0.05) return 'utf-16le';
  if (zeroEven / pairs > 0.7 && zeroOdd / pairs < 0.05) return 'utf-16be';
  return null;
}

/** NUL bytes or many control bytes near the start: not text (for ASCII-compatible encodings). */
function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, SNIFF_BYTES);
  let control = 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const byte = buf[i];
    if (byte === 0) zeros++;
    else if (isControlCode(byte)) control++;
  }
  // A stray NUL happens in scraped text; binary formats have them everywhere.
  return zeros / n > MAX_ZERO_SHARE || (zeros + control) / n > MAX_CONTROL_SHARE;
}

/** Control characters that do not occur in ordinary text (tab, newlines, form feed, ESC are fine). */
function isControlCode(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d && code !== 0x1b;
  return code === 0x7f;
}

function tryUtf8(buf: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

function guessLegacyEncoding(buf: Buffer): string {
  for (const match of chardet.analyse(buf)) {
    const candidate = LEGACY_CANDIDATES.get(match.name.toLowerCase());
    if (!candidate) continue;
    // Single-byte Latin guesses are cheap to get wrong the other way; accept them at any confidence.
    if (candidate === 'windows-1252' || match.confidence >= MIN_CONFIDENCE) return candidate;
  }
  return 'windows-1252';
}

/** Final checks on decoded text: empty after the BOM, or full of control characters. */
function checked(decoded: DecodedText, name: string): DecodedText {
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  if (text.length === 0) throw new UserError(`${name}: empty file`);
  const n = Math.min(text.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || isControlCode(code) || (code >= 0x80 && code <= 0x9f) || code === 0xfffd) control++;
  }
  if (control / n > MAX_CONTROL_SHARE) throw binaryError(name);
  return { text, encoding: decoded.encoding };
}

function binaryError(name: string): UserError {
  return new UserError(`${name}: not a text file (binary data)`);
}

function tooLarge(name: string, maxBytes: number): UserError {
  return new UserError(`${name}: too large (limit ${formatBytes(maxBytes)})`);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** Reads a file, turning file-system failures into one-line UserErrors. */
async function readFileLimited(path: string, maxBytes: number): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UserError(`${path}: is a directory, expected a text file`);
    if (info.isFile()) {
      if (info.size > maxBytes) throw tooLarge(path, maxBytes);
    }
    // Pipes and devices (e.g. /dev/stdin, <(cmd)) have no size up front: stream with a limit.
    const handle = await open(path, 'r');
    try {
      return await readStream(handle.createReadStream({ autoClose: false }), path, maxBytes);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw asUserError(error, path);
  }
}

async function readStream(stream: AsyncIterable<Buffer | string>, name: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buf.length;
    if (total > maxBytes) throw tooLarge(name, maxBytes);
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}

function asUserError(error: unknown, path: string): Error {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new UserError(`${path}: no such file`);
    case 'ENOTDIR':
      return new UserError(`${path}: no such file (a parent is not a directory)`);
    case 'EISDIR':
      return new UserError(`${path}: is a directory, expected a text file`);
    case 'EACCES':
    case 'EPERM':
      return new UserError(`${path}: permission denied`);
    case 'ELOOP':
      return new UserError(`${path}: too many symbolic links`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

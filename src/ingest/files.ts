import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { describeError, UserError } from '../cli/errors.js';
import { decodeBuffer } from './decode.js';

/** How much of a streamed file is looked at to pick its encoding. */
const HEAD_BYTES = 64 * 1024;

/** A skip reason for one file, as data: never thrown past the ingest generator. */
export class SkipFile extends Error {}

/** One-line reason without the file path (the problem carries the path separately). */
export function reasonOf(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
  }
  const message = error instanceof SkipFile || error instanceof UserError ? error.message : describeError(error);
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** Files up to this size are read synchronously (see readLimited). */
const SYNC_READ_BYTES = 1024 * 1024;

/**
 * Reads a whole file, refusing it up front when larger than `maxBytes`.
 * Small files are read synchronously: a handful of microseconds, where the promise API makes
 * five thread-pool round trips per file, which dominates a folder of 100k short articles.
 */
export async function readLimited(path: string, maxBytes: number): Promise<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new SkipFile('is a directory');
    if (info.size > maxBytes) throw new SkipFile(`too large (${formatBytes(info.size)}, limit ${formatBytes(maxBytes)})`);
    if (info.isFile() && info.size <= SYNC_READ_BYTES) return readAllSync(fd, info.size, maxBytes);
  } finally {
    closeSync(fd);
  }
  const buf = await readFile(path);
  if (buf.length > maxBytes) throw new SkipFile(`too large (limit ${formatBytes(maxBytes)})`);
  return buf;
}

/** Reads to end of file (it may have grown since fstat), never past `maxBytes`. */
function readAllSync(fd: number, size: number, maxBytes: number): Buffer {
  let buf = Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    if (length === buf.length) {
      if (length > maxBytes) throw new SkipFile(`too large (limit ${formatBytes(maxBytes)})`);
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, length);
      buf = bigger;
    }
    const n = readSync(fd, buf, length, buf.length - length, null);
    if (n === 0) break;
    length += n;
  }
  if (length > maxBytes) throw new SkipFile(`too large (limit ${formatBytes(maxBytes)})`);
  return buf.subarray(0, length);
}

/** Reads and decodes a text file (BOM, UTF-8, UTF-16, legacy guess); throws for empty/binary/oversized. */
export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  return decodeBuffer(await readLimited(path, maxBytes), path).text;
}

/**
 * Streams a file as decoded text chunks without holding it in memory.
 * The encoding is picked from the first 64 KiB with the same rules as decodeBuffer,
 * which also rejects empty and binary files before anything is yielded.
 */
export async function* decodedChunks(path: string): AsyncGenerator<string> {
  const encoding = await sniffEncoding(path);
  // iconv's streaming decoder keeps split multi-byte sequences between chunks and drops the BOM.
  const decoder = iconv.getDecoder(encoding);
  for await (const chunk of createReadStream(path, { highWaterMark: HEAD_BYTES })) {
    const text = decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

async function sniffEncoding(path: string): Promise<string> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const full = head.length < HEAD_BYTES;
  return decodeBuffer(full ? head : trimPartialUtf8(head), path).encoding;
}

/** Cuts an incomplete UTF-8 sequence off the end, so a cut-off head still reads as valid UTF-8. */
function trimPartialUtf8(buf: Buffer): Buffer {
  for (let back = 1; back <= 4 && back <= buf.length; back++) {
    const byte = buf[buf.length - back];
    if (byte < 0x80) return buf;
    if (byte >= 0xc0) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return need > back ? buf.subarray(0, buf.length - back) : buf;
    }
  }
  return buf;
}

/**
 * Physical lines of a byte (or text) stream, as byte ranges, one batch per input chunk.
 *
 * Each yielded `LineChunk` holds a buffer and the [start, end) byte range of every complete line in it, in order
 * (valid until the next chunk is asked for: the range arrays are reused); line `k` of the chunk is physical line
 * `firstLine + k` of the file (1-based, as editors count). `\r` before `\n` and a UTF-8 BOM at the very start are
 * not part of any line. Only the current chunk and the unfinished tail of the previous one are held, so memory
 * stays bounded whatever the file size.
 *
 * Two refusals, each raised only after the lines before it have been yielded (so an earlier bad line is reported
 * first, as a reader that stops at the first problem should):
 * - a line longer than MAX_LINE_BYTES (1 MB) is refused as soon as it passes the limit, never buffered whole;
 * - bytes that are not UTF-8 (a Latin-1 or Windows-1252 export) are refused naming the line, the byte and its
 *   offset in the file, instead of being decoded to U+FFFD (which merged `ÄX` and `ÖX` into one ticker).
 */
import { isUtf8 } from 'node:buffer';
import { UserError } from '../errors';

export interface LineChunk {
  buf: Buffer;
  start: Int32Array;
  end: Int32Array;
  count: number;
  /** physical line number of line 0 of this chunk */
  firstLine: number;
}

/** The longest line accepted: a row of seven fields is a few dozen bytes; a megabyte is not a CSV row. */
export const MAX_LINE_BYTES = 1 << 20;

function toBuffer(chunk: string | Uint8Array): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** The first byte of b[s..e) that does not begin or continue a well-formed UTF-8 sequence (s..e is known bad). */
function firstInvalidByte(b: Uint8Array, s: number, e: number): number {
  for (let i = s; i < e; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > e || !isUtf8(b.subarray(i, i + n))) return i;
    i += n;
  }
  return e;
}

/**
 * csvLines(chunks, source): the lines of a stream, chunk by chunk. `source` names it in errors.
 * @example for await (const c of csvLines(createReadStream(path), path)) for (let k = 0; k < c.count; k++) ...
 */
export async function* csvLines(chunks: AsyncIterable<string | Uint8Array>, source: string): AsyncGenerator<LineChunk> {
  let carry: Buffer | null = null;
  /** file offset of carry[0], or of the next chunk's first byte when there is no carry */
  let carryAt = 0;
  let lineNo = 1;
  let atStart = true;
  // reused by every chunk: a chunk is consumed before the next is asked for
  let cap = 1024;
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  /** the refusal to raise once the lines before it are consumed */
  let refusal: UserError | null = null;

  const tooLong = (line: number) => new UserError(`${source}:${line}: line longer than ${MAX_LINE_BYTES >> 20} MB; is this a CSV file with one row per line?`);

  /** The complete lines of buf[from..) (all of it when `final`); buf[0] is at file offset `at`. */
  function split(buf: Buffer, from: number, final: boolean, at: number): LineChunk {
    let count = 0;
    let pos = from;
    const n = buf.length;
    for (;;) {
      let nl = buf.indexOf(10, pos);
      if (nl < 0) {
        if (!final || pos >= n) break;
        nl = n;
      }
      if (nl - pos > MAX_LINE_BYTES) {
        refusal = tooLong(lineNo + count);
        break;
      }
      if (count === cap) {
        cap *= 2;
        const s2 = new Int32Array(cap);
        s2.set(start);
        start = s2;
        const e2 = new Int32Array(cap);
        e2.set(end);
        end = e2;
      }
      start[count] = pos;
      end[count] = nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl;
      count++;
      pos = nl + 1;
    }
    if (refusal === null) {
      carry = pos < n ? Buffer.from(buf.subarray(pos)) : null;
      carryAt = at + pos;
      if (carry && carry.length > MAX_LINE_BYTES) refusal = tooLong(lineNo + count);
    }
    // Validate what is handed out (whole lines, so no character is cut); find the bad line only on failure.
    if (count > 0 && !isUtf8(buf.subarray(start[0], end[count - 1]))) {
      let k = 0;
      while (isUtf8(buf.subarray(start[k], end[k]))) k++;
      const i = firstInvalidByte(buf, start[k], end[k]);
      const hex = buf[i].toString(16).toUpperCase().padStart(2, '0');
      refusal = new UserError(
        `${source}:${lineNo + k}: not UTF-8 (byte 0x${hex} at byte offset ${at + i}); convert the file, e.g. iconv -f latin1 -t utf-8 ${source} > utf8.csv (or -f cp1252 for a Windows export)`,
      );
      count = k;
    }
    const chunk = { buf, start, end, count, firstLine: lineNo };
    lineNo += count;
    return chunk;
  }

  for await (const raw of chunks) {
    let buf = toBuffer(raw);
    if (buf.length === 0) continue;
    let from = 0;
    let at = carryAt;
    if (atStart) {
      if (carry) buf = Buffer.concat([carry, buf]);
      carry = null;
      if (buf.length < 3 && buf[0] === 0xef) {
        carry = Buffer.from(buf); // might be a BOM split across chunks
        continue;
      }
      atStart = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) from = 3;
    } else if (carry) {
      // Join the unfinished line with its end only (not with the whole chunk): copying every 1 MB chunk
      // behind a few carried bytes cost a tenth of the parse.
      const nl = buf.indexOf(10);
      if (nl < 0) {
        buf = Buffer.concat([carry, buf]);
      } else {
        const joined = Buffer.concat([carry, buf.subarray(0, nl + 1)]);
        const head = split(joined, 0, false, at);
        if (head.count > 0) yield head;
        if (refusal) throw refusal;
        at += joined.length - (nl + 1);
        from = nl + 1;
      }
    }
    const c = split(buf, from, false, at);
    if (c.count > 0) yield c;
    if (refusal) throw refusal;
  }
  const rest: Buffer = carry ?? Buffer.alloc(0);
  let from = 0;
  if (atStart && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf) from = 3;
  const c = split(rest, from, true, carryAt);
  yield c;
  if (refusal) throw refusal;
}

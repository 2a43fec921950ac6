/**
 * Physical lines of a byte (or text) stream, as byte ranges, one batch per input chunk.
 *
 * Each yielded `LineChunk` holds a buffer and the [start, end) byte range of every complete line in it, in order
 * (valid until the next chunk is asked for: the range arrays are reused);
 * line `k` of the chunk is physical line `firstLine + k` of the file (1-based, as editors count). `\r` before `\n`
 * and a UTF-8 BOM at the very start are not part of any line. Only the current chunk and the unfinished tail of
 * the previous one are held, so memory stays bounded whatever the file size; a single line longer than
 * MAX_LINE_BYTES is reported instead of being buffered.
 */
import { UserError } from '../errors';

export interface LineChunk {
  buf: Buffer;
  start: Int32Array;
  end: Int32Array;
  count: number;
  /** physical line number of line 0 of this chunk */
  firstLine: number;
}

export const MAX_LINE_BYTES = 64 << 20;

function toBuffer(chunk: string | Uint8Array): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * csvLines(chunks, source): the lines of a stream, chunk by chunk. `source` names it in errors.
 * @example for await (const c of csvLines(createReadStream(path), path)) for (let k = 0; k < c.count; k++) ...
 */
export async function* csvLines(chunks: AsyncIterable<string | Uint8Array>, source: string): AsyncGenerator<LineChunk> {
  let carry: Buffer | null = null;
  let lineNo = 1;
  let atStart = true;
  // reused by every chunk: a chunk is consumed before the next is asked for
  let cap = 1024;
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);

  function split(buf: Buffer, from: number, final: boolean): LineChunk {
    let count = 0;
    let pos = from;
    const n = buf.length;
    for (;;) {
      let nl = buf.indexOf(10, pos);
      if (nl < 0) {
        if (!final || pos >= n) break;
        nl = n;
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
    carry = pos < n ? Buffer.from(buf.subarray(pos)) : null;
    if (carry && carry.length > MAX_LINE_BYTES) {
      throw new UserError(`${source}:${lineNo + count}: line longer than ${MAX_LINE_BYTES >> 20} MB; is this a CSV file with one row per line?`);
    }
    const chunk = { buf, start, end, count, firstLine: lineNo };
    lineNo += count;
    return chunk;
  }

  for await (const raw of chunks) {
    let buf = toBuffer(raw);
    if (buf.length === 0) continue;
    let from = 0;
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
        carry = null;
        yield split(joined, 0, false);
        from = nl + 1;
      }
    }
    yield split(buf, from, false);
  }
  const rest: Buffer = carry ?? Buffer.alloc(0);
  let from = 0;
  if (atStart && rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf) from = 3;
  yield split(rest, from, true);
}

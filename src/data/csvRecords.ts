/**
 * CSV record splitting (RFC 4180 subset) over a stream of text or byte chunks, with bounded memory.
 *
 * Yields, per input chunk, the array of records it completed (one async step per chunk, not per record: the
 * per-record cost stays synchronous). A record is one logical line: its fields and the 1-based physical line on
 * which it starts (the header is line 1, as editors count). Handles a UTF-8 BOM, LF and CRLF line ends, quoted fields with `""` escapes and
 * quoted newlines. Blank lines are skipped (they still count for line numbers). Only the current chunk and one
 * unfinished record are held; an unterminated quote is reported instead of buffering the rest of the file.
 */
import { UserError } from '../errors';

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts */
  line: number;
}

/** An unfinished quoted record may span at most this many characters before it is reported as unterminated. */
const MAX_RECORD_CHARS = 1 << 20;

const INCOMPLETE = null;

/** splitQuotedLine(text): fields of one record that contains a quote; null when a quoted field is still open. */
export function splitQuotedLine(text: string, where: () => string): string[] | null {
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return INCOMPLETE;
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i >= n) return fields;
      if (text.charCodeAt(i) !== 44 /* , */) {
        throw new UserError(
          `${where()}: unexpected character '${text[i]}' after a closing quote; quote the whole field and double any quote inside it ("")`,
        );
      }
      i++;
      if (i >= n) {
        fields.push('');
        return fields;
      }
    } else {
      const c = text.indexOf(',', i);
      if (c < 0) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, c));
      i = c + 1;
      if (i >= n) {
        fields.push('');
        return fields;
      }
    }
  }
}

/**
 * csvRecords(chunks, source): the records of a CSV text stream, in arrays (one per chunk, possibly empty).
 * `source` names the input in error messages.
 * @example for await (const records of csvRecords(fs.createReadStream(path), path)) for (const { fields, line } of records) ...
 */
export async function* csvRecords(chunks: AsyncIterable<string | Uint8Array>, source: string): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let lineNo = 0;
  let first = true;
  let pending: string | null = null;
  let pendingLine = 0;

  function lines(text: string, final: boolean, out: CsvRecord[]): CsvRecord[] {
    let pos = 0;
    for (;;) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) {
          carry = text.slice(pos);
          return out;
        }
        if (pos >= text.length) {
          carry = '';
          break;
        }
        nl = text.length;
      }
      let line = text.slice(pos, nl);
      pos = nl + 1;
      lineNo++;
      if (line.charCodeAt(line.length - 1) === 13 /* \r */) line = line.slice(0, -1);
      let record: string;
      if (pending !== null) {
        record = pending + '\n' + line;
      } else {
        if (line.length === 0) continue;
        record = line;
      }
      if (record.indexOf('"') < 0) {
        out.push({ fields: record.split(','), line: lineNo });
        continue;
      }
      const start = pending !== null ? pendingLine : lineNo;
      const fields = splitQuotedLine(record, () => `${source}:${start}`);
      if (fields === INCOMPLETE) {
        if (record.length > MAX_RECORD_CHARS) {
          throw new UserError(`${source}:${start}: unterminated quoted field (no closing quote within ${MAX_RECORD_CHARS} characters); close the quote or remove it`);
        }
        if (pending === null) pendingLine = lineNo;
        pending = record;
        continue;
      }
      pending = null;
      out.push({ fields, line: start });
      if (pos > text.length) break;
    }
    if (final && pending !== null) {
      throw new UserError(`${source}:${pendingLine}: unterminated quoted field (the file ends inside quotes); close the quote or remove it`);
    }
    return out;
  }

  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    yield lines(carry + text, false, []);
  }
  let rest = decoder.decode();
  if (first && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
  yield lines(carry + rest, true, []);
}

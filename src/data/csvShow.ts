/**
 * How the CSV readers quote a value from the file in a message: JSON-quoted, cut at 40 characters, and with every
 * control character escaped (C0, DEL, C1 and the Unicode line separators), so a hostile file cannot move the
 * cursor, set a terminal's title or forge log lines through an error message.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** escapeControl(s): `s` with each control character written as `\u001b` (JSON's form). */
export function escapeControl(s: string): string {
  return s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * csvShow(value): the value as a message shows it.
 * @example csvShow('\u001b[2Jx') // '"\\u001b[2Jx"'
 */
export function csvShow(value: string): string {
  const cut = value.length > 40 ? value.slice(0, 40) + '...' : value;
  return `"${escapeControl(cut.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
}

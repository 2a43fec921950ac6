/** The danfojs module type, without loading it (type-only import). */
export type Danfo = typeof import('danfojs');

let pending: Promise<Danfo> | undefined;

/**
 * Imports danfojs on first use (about 4 s and 150 MB: it bundles TensorFlow.js), so code that never builds a
 * DataFrame, such as the batch path, never pays for it.
 */
export function loadDanfo(): Promise<Danfo> {
  pending ??= import('danfojs') as Promise<Danfo>;
  return pending;
}

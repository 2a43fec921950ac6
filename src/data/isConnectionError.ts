/** Which errors mean the connection (not the query) failed: the runner retries those, with backoff. */

/** Connection-level failures worth a retry (the socket died, the server restarted or is starting). */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  if (/^08/.test(code) || code === '57P01' || code === '57P02' || code === '57P03') return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(e?.message ?? '');
}

import type { MemorySample } from './events';

const MB = 1024 * 1024;

/** This process's memory now, MB: rss (what a dyno's quota counts), V8 heap used, typed-array buffers. */
export function memorySample(): MemorySample {
  const m = process.memoryUsage();
  return { rssMb: m.rss / MB, heapUsedMb: m.heapUsed / MB, arrayBuffersMb: m.arrayBuffers / MB };
}

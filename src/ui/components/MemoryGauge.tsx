/** RSS against the memory budget (yellow above 70%, red above 90%), heap, array buffers, peak. */
import { Box, Text } from 'ink';
import type { MemorySample } from '../../batch/events';
import { bar, formatMb } from '../format';
import { progressBarWidth } from './ProgressPanel';

export type MemoryLevel = 'ok' | 'high' | 'critical';

/** `high` above 70% of the budget, `critical` above 90%. */
export function memoryLevel(rssMb: number, budgetMb: number): MemoryLevel {
  const f = budgetMb > 0 ? rssMb / budgetMb : 0;
  return f > 0.9 ? 'critical' : f > 0.7 ? 'high' : 'ok';
}

const LEVEL_COLOR: Record<MemoryLevel, string> = { ok: 'green', high: 'yellow', critical: 'red' };
const LEVEL_NOTE: Record<MemoryLevel, string> = { ok: '', high: 'above 70% of budget', critical: 'near budget (above 90%)' };

export interface MemoryGaugeProps {
  readonly memory?: Readonly<MemorySample>;
  readonly peakRssMb: number;
  readonly budgetMb: number;
  readonly width: number;
}

export function MemoryGauge({ memory, peakRssMb, budgetMb, width }: MemoryGaugeProps) {
  if (!memory) return <Text dimColor>memory   waiting for the first sample…</Text>;
  const level = memoryLevel(memory.rssMb, budgetMb);
  const pct = budgetMb > 0 ? Math.round((memory.rssMb / budgetMb) * 100) : 0;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {'memory'.padEnd(9)}
        <Text color={LEVEL_COLOR[level]}>{bar(budgetMb > 0 ? memory.rssMb / budgetMb : 0, progressBarWidth(width))}</Text>
        {' '}
        <Text color={LEVEL_COLOR[level]} bold={level !== 'ok'}>
          rss {formatMb(memory.rssMb)}/{formatMb(budgetMb)} {pct}%
        </Text>
      </Text>
      <Text wrap="truncate-end">
        {' '.repeat(9)}heap {formatMb(memory.heapUsedMb)}  arrayBuffers {formatMb(memory.arrayBuffersMb)}  peak rss {formatMb(peakRssMb)}
        {level !== 'ok' ? (
          <Text color={LEVEL_COLOR[level]} bold>
            {'  '}
            {LEVEL_NOTE[level]}
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}

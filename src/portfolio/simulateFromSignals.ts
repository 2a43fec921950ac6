/**
 * simulateFromSignals: vectorbt 0.28.3's `simulate_from_signal_func_nb` (portfolio/nb.py) with accumulate=False:
 * long and short positions, reversals in one order, the size types amount/value/percent, and groups of columns
 * sharing one cash account with the automatic call sequence. The rules are those of data-fixtures/golden/README.md
 * ("Part 2"); `fromSignals` calls this kernel whenever the long-only one does not apply.
 *
 * Loop: cash units one after the other (a column, or a cash-sharing group), bar by bar. Per bar and unit:
 * 1. every member: order price = valuation price = close (the last valid close is kept as valuation price);
 *    the stop check (stop-loss before take-profit; a short's stop-loss is above its entry, its trailing reference
 *    the lowest low), else the bar's signals with conflicts resolved; the four signals become one order
 *    (size, size type, direction), sized against the unit's cash state at the start of the bar;
 * 2. with cash sharing and call_seq 'auto': the members are re-ordered by approximate order value (`autoCallSeq`);
 * 3. the orders run in that sequence through `executeOrder`, each against the unit's current cash.
 * Records are made in that order; with cash sharing they are then regrouped by column (a stable pass), so the
 * usual column map holds. Trades (`exitTrades`) and the value series (`unitSeries`) are rebuilt from the orders,
 * as vectorbt does.
 *
 * Inputs are column-major (`a[col * nRows + row]`), NaN = missing. Nothing is allocated per bar.
 */
import { CallSeqType, Direction, EQUITY_SIZE_TYPE, ExitReason, Side, SizeType } from './enums';
import { executeOrder, F_FEES, F_PRICE, F_SIZE, OrderStatus, S_CASH, S_DEBT, S_FREE_CASH, S_POSITION } from './executeOrder';
import { exitTrades } from './exitTrades';
import type { GroupResult, PriceMatrix, ResolvedSimOptions, SimBuffers, SimResult } from './fromSignals';
import { perColumn } from './perColumn';
import { allocOrders, finishOrders, pushOrder, type OrderRecords } from './records';
import { autoCallSeq } from './autoCallSeq';
import { EQUITY_NO_REVERSAL, PERCENT_NO_REVERSAL, SimulationError } from './SimulationError';
import { columnValue, unitScratch, unitSeries } from './unitSeries';

/** vectorbt `get_stop_price_nb`: the fill price of a stop hit on this bar, NaN if none. */
function stopPrice(position: number, ref: number, stop: number, open: number, low: number, high: number, hitBelow: boolean): number {
  if (stop < 0) throw new SimulationError('Stop value must be 0 or greater');
  if ((position > 0 && hitBelow) || (position < 0 && !hitBelow)) {
    const level = ref * (1 - stop);
    if (open <= level) return open;
    if (low <= level && level <= high) return level;
    return NaN;
  }
  if ((position < 0 && hitBelow) || (position > 0 && !hitBelow)) {
    const level = ref * (1 + stop);
    if (level <= open) return open;
    if (low <= level && level <= high) return level;
    return NaN;
  }
  return NaN;
}

export function simulateFromSignals(prices: PriceMatrix, entries: Uint8Array, exits: Uint8Array, opt: ResolvedSimOptions, buffers: SimBuffers): SimResult {
  const { nRows, nCols, close } = prices;
  const n = nRows * nCols;
  const open = prices.open ?? null;
  const high = prices.high ?? null;
  const low = prices.low ?? null;
  const shortEntries = opt.shortEntries;
  const shortExits = opt.shortExits;
  const lsMode = opt.lsMode;
  const timeExitBars = opt.timeExitBars;

  const feesCol = perColumn(opt.fees, nCols);
  const fixedFeesCol = perColumn(opt.fixedFees, nCols);
  const slippageCol = perColumn(opt.slippage, nCols);
  const slStopCol = perColumn(opt.slStop, nCols);
  const tpStopCol = perColumn(opt.tpStop, nCols);
  const sizeCol = perColumn(opt.size, nCols);
  const slTrailCol = opt.slTrail;
  const dirCol = opt.direction;
  const sizeTypeCol = opt.sizeType;
  // signals_to_size_nb: is_less_nb(size, 0) raises.
  if (n > 0) for (let col = 0; col < nCols; col++) if (sizeCol[col] < -1e-12) throw new SimulationError('Negative size is not allowed. You must express direction using signals.');

  // Groups and cash units: with cash sharing a unit is a group, otherwise each column is its own unit.
  const grouped = opt.groupStart !== null;
  const groupStart = opt.groupStart ?? identityStarts(nCols);
  const nGroups = groupStart.length - 1;
  const cashSharing = opt.cashSharing;
  const unitStart = cashSharing ? groupStart : identityStarts(nCols);
  const nUnits = unitStart.length - 1;
  const unitInit = perColumn(opt.initCash, nUnits);
  const initCashCol = new Float64Array(nCols);
  for (let u = 0; u < nUnits; u++) initCashCol.fill(unitInit[u], unitStart[u], unitStart[u + 1]);
  // Total fees per group in the order the orders are made: vectorbt sums a group's fees in record (creation)
  // order, which after regrouping by column is lost; summed by column the last bit can differ.
  const colGroup = new Int32Array(nCols);
  for (let g = 0; g < nGroups; g++) colGroup.fill(g, groupStart[g], groupStart[g + 1]);
  const groupFees = new Float64Array(nGroups);
  const autoSeq = cashSharing && (opt.callSeq === CallSeqType.Auto || opt.entryPriority !== null);
  const priority = cashSharing ? opt.entryPriority : null;
  const maxPositions = cashSharing ? opt.maxPositions : 0;
  let equitySized = false;
  for (let col = 0; col < nCols; col++) if (sizeTypeCol[col] === EQUITY_SIZE_TYPE) equitySized = true;
  const callSeq = opt.attachCallSeq ? new Int32Array(n) : undefined;
  let maxLen = 0;
  for (let u = 0; u < nUnits; u++) maxLen = Math.max(maxLen, unitStart[u + 1] - unitStart[u]);

  // Per column state.
  const lastVal = new Float64Array(nCols).fill(NaN);
  // The bar up to which lastVal is current, and each column's next bar with a signal (nRows if none).
  const valBar = new Int32Array(nCols).fill(-1);
  const nextSignal = new Int32Array(nCols);
  /** The first bar >= from with any signal in column col, nRows if none. */
  const signalBar = (col: number, from: number): number => {
    const base = col * nRows;
    let j = from;
    while (j < nRows && entries[base + j] === 0 && exits[base + j] === 0 && (!lsMode || ((shortEntries === null || shortEntries[base + j] === 0) && (shortExits === null || shortExits[base + j] === 0)))) j++;
    return j;
  };
  const slRef = new Float64Array(nCols).fill(NaN);
  const slCur = new Float64Array(nCols).fill(NaN);
  const slTrailCur = new Uint8Array(nCols);
  const tpRef = new Float64Array(nCols).fill(NaN);
  const tpCur = new Float64Array(nCols).fill(NaN);
  const position = new Float64Array(nCols);
  const debt = new Float64Array(nCols);
  const entryBar = new Int32Array(nCols);
  // Per member of the current unit: the bar's order.
  const oSize = new Float64Array(maxLen);
  const oType = new Uint8Array(maxLen);
  const oDir = new Uint8Array(maxLen);
  const oPrice = new Float64Array(maxLen);
  const oSlip = new Float64Array(maxLen);
  const oReason = new Uint8Array(maxLen);
  const oValue = new Float64Array(maxLen);
  const seq = new Int32Array(maxLen);
  const seqScratch = new Int32Array(2 * maxLen);
  const state = new Float64Array(4);
  const fill = new Float64Array(3);

  const orders = allocOrders(Math.max(1024, n >> 4), nCols);
  let reasons = new Uint8Array(orders.col.length);

  for (let u = 0; u < nUnits; u++) {
    const from = unitStart[u];
    const to = unitStart[u + 1];
    const len = to - from;
    let cash = unitInit[u];
    let freeCash = unitInit[u];
    let openPositions = 0;
    if (!cashSharing) orders.colStart[from] = orders.length;

    for (let m = 0; m < len; m++) nextSignal[from + m] = signalBar(from + m, 0);
    for (let i = 0; i < nRows; i++) {
      if (len === 1 && position[from] === 0 && nextSignal[from] > i) {
        // A one-column unit, flat: nothing happens until its next signal; skip to it (the call sequence of a
        // one-member unit is 0, as allocated).
        i = nextSignal[from];
        if (i >= nRows) break;
      }
      // Equity sizing: the unit's cash plus its positions at their last valuation price, as the bar starts.
      let equity = cash;
      if (equitySized) for (let m = 0; m < len; m++) if (position[from + m] !== 0) equity += position[from + m] * lastVal[from + m];
      // 1. Each member's order for this bar, against the cash state at the start of the bar.
      for (let m = 0; m < len; m++) {
        const col = from + m;
        const pos = position[col];
        // Flat without a signal (most members on most bars): no stop is armed, no order; skip the rest. Decided on
        // two arrays indexed by column, so a bar of a large group does not touch every column's (strided) data.
        if (pos === 0 && nextSignal[col] > i) {
          oSize[m] = 0;
          oValue[m] = 0;
          continue;
        }
        if (nextSignal[col] <= i) nextSignal[col] = signalBar(col, i + 1);
        const k = col * nRows + i;
        const c = close[k];
        // The valuation price: the last valid close up to this bar (kept up to date only for the members looked at).
        if (c === c) lastVal[col] = c;
        else if (valBar[col] < i - 1) {
          for (let b = i - 1; b > valBar[col]; b--) {
            const v = close[col * nRows + b];
            if (v === v) {
              lastVal[col] = v;
              break;
            }
          }
        }
        valBar[col] = i;
        let price = c;
        let slip = slippageCol[col];
        let reason: number = ExitReason.Signal;
        let stop = NaN;
        const slOn = slCur[col] === slCur[col];
        if (slOn || tpCur[col] === tpCur[col]) {
          let o = c;
          if (open !== null) {
            const v = open[k];
            if (v === v) o = v;
          }
          // numba min/max keep the first argument unless the second is strictly lower/higher.
          let l = c < o ? c : o;
          let h = c > o ? c : o;
          if (low !== null) {
            const v = low[k];
            if (v === v) l = v;
          }
          if (high !== null) {
            const v = high[k];
            if (v === v) h = v;
          }
          if (slOn) {
            stop = stopPrice(pos, slRef[col], slCur[col], o, l, h, true);
            reason = slTrailCur[col] !== 0 ? ExitReason.TrailingStop : ExitReason.StopLoss;
          }
          if (stop !== stop && tpCur[col] === tpCur[col]) {
            stop = stopPrice(pos, tpRef[col], tpCur[col], o, l, h, false);
            reason = ExitReason.TakeProfit;
          }
          // The trailing reference moves after the check: a long's up to the high, a short's down to the low.
          if (slOn && slTrailCur[col] !== 0) {
            if (pos > 0) {
              if (h > slRef[col]) slRef[col] = h;
            } else if (pos < 0) {
              if (l < slRef[col]) slRef[col] = l;
            }
          }
        }

        let le = false;
        let lx = false;
        let se = false;
        let sx = false;
        if (stop === stop) {
          // A stop only closes (upon_stop_exit='close'), at the stop price without slippage ('stoplimit').
          lx = pos > 0;
          sx = pos < 0;
          price = stop;
          slip = 0;
        } else {
          reason = ExitReason.Signal;
          const e = entries[k] !== 0;
          const x = exits[k] !== 0;
          if (lsMode) {
            le = e;
            lx = x;
            se = shortEntries !== null && shortEntries[k] !== 0;
            sx = shortExits !== null && shortExits[k] !== 0;
          } else {
            const d = dirCol[col];
            if (d === Direction.LongOnly) {
              le = e;
              lx = x;
            } else if (d === Direction.ShortOnly) {
              se = e;
              sx = x;
            } else {
              // 'both': an entry goes long, an exit goes short.
              le = e;
              se = x;
            }
          }
          if (le || se) {
            // upon_long_conflict / upon_short_conflict / upon_dir_conflict = 'ignore'.
            if (le && lx) le = lx = false;
            if (se && sx) se = sx = false;
            if (le && se) le = se = false;
          }
          if (timeExitBars > 0 && pos !== 0 && i - entryBar[col] >= timeExitBars) {
            le = se = false;
            lx = pos > 0;
            sx = pos < 0;
            reason = ExitReason.TimeExit;
          }
        }

        // signals_to_size_nb, accumulate=False.
        let size = 0;
        let type = sizeTypeCol[col];
        let dir: number = Direction.Both;
        const s = sizeCol[col];
        if (pos > 0) {
          if (se) {
            if (type === SizeType.Percent) throw new SimulationError(PERCENT_NO_REVERSAL);
            if (type === EQUITY_SIZE_TYPE) throw new SimulationError(EQUITY_NO_REVERSAL);
            size = -Math.abs(pos);
            size -= type === SizeType.Value ? s / lastVal[col] : s;
            type = SizeType.Amount;
          } else if (lx) {
            dir = Direction.LongOnly;
            size = -Math.abs(pos);
            type = SizeType.Amount;
          } else if (le) dir = Direction.LongOnly;
        } else if (pos < 0) {
          if (le) {
            if (type === SizeType.Percent) throw new SimulationError(PERCENT_NO_REVERSAL);
            if (type === EQUITY_SIZE_TYPE) throw new SimulationError(EQUITY_NO_REVERSAL);
            size = Math.abs(pos);
            size += type === SizeType.Value ? s / lastVal[col] : s;
            type = SizeType.Amount;
          } else if (sx) {
            dir = Direction.ShortOnly;
            size = Math.abs(pos);
            type = SizeType.Amount;
          } else if (se) dir = Direction.ShortOnly;
        } else if (le) size = s;
        else if (se) size = -s;
        if (type === EQUITY_SIZE_TYPE && size !== 0) {
          // A fraction of the equity as the bar started, as a cash value.
          size = size * (equity > 0 ? equity : 0);
          type = SizeType.Value;
        }

        oSize[m] = size;
        oType[m] = type;
        oDir[m] = dir;
        oPrice[m] = price;
        oSlip[m] = slip;
        oReason[m] = reason;
        if (autoSeq) oValue[m] = size === 0 ? 0 : approxOrderValue(size, type, dir, cash, freeCash, pos, lastVal[col]);
      }

      // 2. The call sequence.
      if (autoSeq) autoCallSeq(oValue, len, seq, seqScratch);
      else for (let m = 0; m < len; m++) seq[m] = m;
      if (priority !== null) entriesByPriority(seq, len, oSize, position, from, priority, nRows, i, seqScratch);
      if (callSeq !== undefined) for (let m = 0; m < len; m++) callSeq[(from + m) * nRows + i] = seq[m];

      // 3. The orders, in sequence, each against the unit's current cash.
      for (let j = 0; j < len; j++) {
        const m = seq[j];
        const size = oSize[m];
        if (size === 0) continue;
        const col = from + m;
        const before = position[col];
        // At most maxPositions open positions: an entry beyond them is rejected (its signal is lost).
        if (maxPositions > 0 && before === 0 && openPositions >= maxPositions) continue;
        state[S_CASH] = cash;
        state[S_FREE_CASH] = freeCash;
        state[S_POSITION] = before;
        state[S_DEBT] = debt[col];
        const status = executeOrder(state, size, oType[m], oDir[m], oPrice[m], lastVal[col], feesCol[col], fixedFeesCol[col], oSlip[m], fill);
        cash = state[S_CASH];
        freeCash = state[S_FREE_CASH];
        const after = state[S_POSITION];
        position[col] = after;
        debt[col] = state[S_DEBT];
        if (before === 0 && after !== 0) openPositions++;
        else if (before !== 0 && after === 0) openPositions--;
        if (status !== OrderStatus.Filled) continue;
        pushOrder(orders, col, i, fill[F_SIZE], fill[F_PRICE], fill[F_FEES], size > 0 ? Side.Buy : Side.Sell);
        groupFees[colGroup[col]] += fill[F_FEES];
        if (reasons.length < orders.col.length) reasons = growBytes(reasons, orders.col.length);
        reasons[orders.length - 1] = oReason[m];
        if (after === 0) {
          slRef[col] = slCur[col] = tpRef[col] = tpCur[col] = NaN;
          slTrailCur[col] = 0;
        } else if (before === 0 || Math.sign(after) !== Math.sign(before)) {
          // Opened or reversed: stops armed from this bar's close (stop_entry_price='close').
          const c = close[col * nRows + i];
          slRef[col] = tpRef[col] = c;
          slCur[col] = slStopCol[col];
          slTrailCur[col] = slTrailCol[col];
          tpCur[col] = tpStopCol[col];
          entryBar[col] = i;
        } else if (Math.abs(after) > Math.abs(before)) {
          // Increased (upon_stop_update='override'): re-armed where the column has a stop.
          const c = close[col * nRows + i];
          if (slStopCol[col] === slStopCol[col]) {
            slRef[col] = c;
            slCur[col] = slStopCol[col];
            slTrailCur[col] = slTrailCol[col];
          }
          if (tpStopCol[col] === tpStopCol[col]) {
            tpRef[col] = c;
            tpCur[col] = tpStopCol[col];
          }
        }
      }
    }
    if (!cashSharing) orders.colStart[from + 1] = orders.length;
  }

  orders.colStart[nCols] = orders.length;
  let finished = finishOrders(orders);
  let orderReasons = reasons.subarray(0, orders.length);
  if (cashSharing) ({ orders: finished, reasons: orderReasons } = regroupByColumn(finished, orderReasons, nCols));
  const trades = exitTrades(finished, orderReasons, close, nRows, nCols);

  // Value series from the orders (vectorbt's pf.value()), per column or per group.
  let value: Float64Array;
  if (cashSharing) value = new Float64Array(0);
  else {
    value = buffers.value ?? new Float64Array(n);
    if (value.length !== n) throw new RangeError(`fromSignals: buffers.value has ${value.length} values, expected ${n}`);
    for (let col = 0; col < nCols; col++) columnValue(close, nRows, finished, col, initCashCol[col], value, col * nRows);
  }
  let groups: GroupResult | undefined;
  if (grouped) {
    const gInit = new Float64Array(nGroups);
    for (let g = 0; g < nGroups; g++) {
      if (cashSharing) gInit[g] = unitInit[g];
      else for (let col = groupStart[g]; col < groupStart[g + 1]; col++) gInit[g] += initCashCol[col];
    }
    groups = {
      nGroups,
      colStart: groupStart,
      labels: opt.groupLabels,
      cashSharing,
      initCash: gInit,
      fees: groupFees,
      value: new Float64Array(nRows * nGroups),
      cash: new Float64Array(nRows * nGroups),
      freeCash: new Float64Array(nRows * nGroups),
      assetValue: new Float64Array(nRows * nGroups),
    };
    const scratch = unitScratch(nRows);
    for (let g = 0; g < nGroups; g++) {
      unitSeries(close, nRows, finished, groupStart[g], groupStart[g + 1], gInit[g], { value: groups.value, cash: groups.cash, freeCash: groups.freeCash, assetValue: groups.assetValue, offset: g * nRows }, scratch);
    }
  }
  const result: SimResult = { nRows, nCols, orders: finished, trades, value, initCash: initCashCol };
  if (groups !== undefined) result.groups = groups;
  if (callSeq !== undefined) result.callSeq = callSeq;
  return result;
}

/**
 * The approximate value of a member's order that 'auto' sorts by (simulate_from_signal_func_nb): shares at the
 * valuation price, the cash value as is, a percent of the cash (buy) or of the maximum short exposure (sell).
 */
function approxOrderValue(size: number, type: number, dir: number, cash: number, freeCash: number, pos: number, valPrice: number): number {
  if (type === SizeType.Amount) return size * valPrice;
  if (type === SizeType.Value) return size;
  if (size >= 0) return size * cash;
  const assetValue = pos * valPrice;
  if (dir === Direction.LongOnly) return size * assetValue;
  // numba max(a, 0) keeps a unless 0 is strictly greater (a NaN stays NaN).
  const maxExposure = 2 * (0 > assetValue ? 0 : assetValue) + (0 > freeCash ? 0 : freeCash);
  return size * maxExposure;
}

/**
 * The call sequence with the bar's entries (orders opening a position from flat) moved after every other member,
 * highest priority first (NaN last; ties keep column order); the other members keep their order. In place.
 */
function entriesByPriority(seq: Int32Array, len: number, size: Float64Array, position: Float64Array, from: number, priority: Float64Array, nRows: number, row: number, scratch: Int32Array): void {
  let k = 0;
  let e = 0;
  for (let j = 0; j < len; j++) {
    const m = seq[j];
    if (size[m] !== 0 && position[from + m] === 0) scratch[e++] = m;
    else seq[k++] = m;
  }
  if (e === 0) return;
  const key = (m: number) => {
    const p = priority[(from + m) * nRows + row];
    return p === p ? p : -Infinity;
  };
  // By priority descending, then column order (a total order: the same sequence whatever order they came in).
  const ent = scratch.subarray(0, e).sort((x, y) => key(y) - key(x) || x - y);
  seq.set(ent, k);
}

function identityStarts(nCols: number): Int32Array {
  const s = new Int32Array(nCols + 1);
  for (let c = 0; c <= nCols; c++) s[c] = c;
  return s;
}

function growBytes(a: Uint8Array, n: number): Uint8Array {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

/**
 * Records made bar by bar across a group's columns, regrouped by column (stable: bar order within a column is
 * kept), with the column map. One counting pass, one copy.
 */
function regroupByColumn(o: OrderRecords, reasons: Uint8Array, nCols: number): { orders: OrderRecords; reasons: Uint8Array } {
  const len = o.length;
  const colStart = new Int32Array(nCols + 1);
  for (let k = 0; k < len; k++) colStart[o.col[k] + 1]++;
  for (let c = 0; c < nCols; c++) colStart[c + 1] += colStart[c];
  const next = colStart.slice(0, nCols);
  const out = allocOrders(len, nCols);
  const outReasons = new Uint8Array(len);
  for (let k = 0; k < len; k++) {
    const d = next[o.col[k]]++;
    out.col[d] = o.col[k];
    out.idx[d] = o.idx[k];
    out.size[d] = o.size[k];
    out.price[d] = o.price[k];
    out.fees[d] = o.fees[k];
    out.side[d] = o.side[k];
    outReasons[d] = reasons[k];
  }
  out.length = len;
  out.colStart.set(colStart);
  return { orders: finishOrders(out), reasons: outReasons };
}

/**
 * executeOrder: one order against a cash unit and a column's position, exactly as vectorbt 0.28.3's
 * `execute_order_nb` / `buy_nb` / `sell_nb` (portfolio/nb.py) with lock_cash=False, allow_partial=True,
 * min_size=1e-8, max_size=inf and no size granularity.
 *
 * The state is four numbers in a scratch Float64Array (no allocation per order): `cash` and `freeCash` of the
 * cash unit (a column, or a cash-sharing group), `position` (signed shares) and `debt` of the column. Free cash is
 * the cash not tied up by shorts: a short sale adds its proceeds to `cash` but takes twice its value from
 * `freeCash` (`debt` records what covering will release), so a long is sized on `cash`, a short on `freeCash`.
 * On return the state is updated in place (snapped to 0 where within 1e-12 of it, as vectorbt does before every
 * order, whether the order fills or not) and, for a fill, `fill` holds size, price and fees.
 */
import { addSnap, isClose, isCloseOrLess, isLess } from '../kernels/isClose';
import { Direction, SizeType } from './enums';
import { MIN_SIZE } from './minSize';
import { SimulationError } from './SimulationError';

/** Slots of the state array. */
export const S_CASH = 0, S_FREE_CASH = 1, S_POSITION = 2, S_DEBT = 3;
/** Slots of the fill array. */
export const F_SIZE = 0, F_PRICE = 1, F_FEES = 2;

/** What became of an order (vectorbt `OrderStatus`). */
export const OrderStatus = { Filled: 0, Ignored: 1, Rejected: 2 } as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

function snap0(x: number): number {
  return x <= 1e-12 && x >= -1e-12 ? 0 : x;
}

/**
 * Execute an order of `size` (signed: > 0 buys, < 0 sells; +-Infinity = as much as the cash allows) in `sizeType`
 * units at `price` (before slippage), valued at `valPrice` (for 'value' sizing).
 */
export function executeOrder(
  state: Float64Array,
  size: number,
  sizeType: number,
  direction: number,
  price: number,
  valPrice: number,
  fees: number,
  fixedFees: number,
  slippage: number,
  fill: Float64Array,
): OrderStatus {
  // Numerical stability: vectorbt snaps the state before looking at the order, and keeps it snapped.
  const cash = snap0(state[S_CASH]);
  const position = snap0(state[S_POSITION]);
  const debt = snap0(state[S_DEBT]);
  const freeCash = snap0(state[S_FREE_CASH]);
  state[S_CASH] = cash;
  state[S_POSITION] = position;
  state[S_DEBT] = debt;
  state[S_FREE_CASH] = freeCash;
  const vp = snap0(valPrice);

  if (size !== size || price !== price) return OrderStatus.Ignored;
  if (cash !== cash || cash < 0) throw new SimulationError('cash cannot be NaN and must be greater than 0');
  if (!Number.isFinite(price) || price <= 0) throw new SimulationError('order.price must be finite and greater than 0');

  let orderSize = size;
  let type = sizeType;
  if (type === SizeType.Value) {
    if (vp === Infinity || vp === -Infinity || vp <= 0) throw new SimulationError('val_price_now must be finite and greater than 0');
    if (vp !== vp) return OrderStatus.Ignored;
    orderSize /= vp;
    type = SizeType.Amount;
  }
  if (type === SizeType.Amount && direction !== Direction.LongOnly && orderSize === -Infinity) {
    // An infinite short means 100 % of what the free cash allows.
    orderSize = -1;
    type = SizeType.Percent;
  }
  let percent = NaN;
  if (type === SizeType.Percent) {
    percent = Math.abs(orderSize);
    orderSize = orderSize > 0 ? Infinity : orderSize < 0 ? -Infinity : orderSize;
  }
  if (orderSize > 0) return buy(state, orderSize, price, direction, fees, fixedFees, slippage, percent, cash, position, debt, freeCash, fill);
  return sell(state, -orderSize, price, direction, fees, fixedFees, slippage, percent, cash, position, debt, freeCash, fill);
}

/** vectorbt `buy_nb`: buy or cover. */
function buy(
  state: Float64Array, size: number, price: number, direction: number, fees: number, fixedFees: number, slippage: number, percent: number,
  cash: number, position: number, debt: number, freeCash: number, fill: Float64Array,
): OrderStatus {
  const adjPrice = price * (1 + slippage);
  let cashLimit = cash;
  if (percent === percent) {
    // numba min(a, b) keeps a unless b is strictly smaller
    const p = percent * cashLimit;
    if (p < cashLimit) cashLimit = p;
  }
  if (direction === Direction.LongOnly || direction === Direction.Both) {
    if (cashLimit === 0) return OrderStatus.Rejected;
    if (size === Infinity && cashLimit === Infinity) throw new SimulationError('Attempt to go in long direction infinitely');
  } else if (position === 0) return OrderStatus.Rejected;

  let adjSize = size;
  if (direction === Direction.ShortOnly) {
    adjSize = -position;
    if (size < adjSize) adjSize = size;
  }
  if (adjSize === 0) return OrderStatus.Ignored;

  const reqCash = adjSize * adjPrice;
  const reqFees = reqCash * fees + fixedFees;
  const totalReqCash = reqCash + reqFees;
  let finalSize: number;
  let feesPaid: number;
  let finalReqCash: number;
  if (isCloseOrLess(totalReqCash, cashLimit)) {
    finalSize = adjSize;
    feesPaid = reqFees;
    finalReqCash = totalReqCash;
  } else {
    // Not enough cash: all of cash_limit, net of fees.
    const maxReqCash = addSnap(cashLimit, -fixedFees) / (1 + fees);
    if (maxReqCash <= 0) return OrderStatus.Rejected;
    finalSize = maxReqCash / adjPrice;
    feesPaid = cashLimit - maxReqCash;
    finalReqCash = cashLimit;
  }
  if (isClose(adjSize, 0)) return OrderStatus.Ignored;
  if (isLess(finalSize, MIN_SIZE)) return OrderStatus.Rejected;

  const newCash = addSnap(cash, -finalReqCash);
  const newPosition = addSnap(position, finalSize);
  let newDebt = debt;
  let newFreeCash: number;
  if (position < 0) {
    // Covering releases the debt of the covered part, twice: the short's collateral and its proceeds.
    const shortSize = newPosition < 0 ? finalSize : Math.abs(position);
    const avgEntryPrice = debt / Math.abs(position);
    const debtDiff = shortSize * avgEntryPrice;
    newDebt = addSnap(debt, -debtDiff);
    newFreeCash = addSnap(freeCash + 2 * debtDiff, -finalReqCash);
  } else {
    newFreeCash = addSnap(freeCash, -finalReqCash);
  }
  state[S_CASH] = newCash;
  state[S_POSITION] = newPosition;
  state[S_DEBT] = newDebt;
  state[S_FREE_CASH] = newFreeCash;
  fill[F_SIZE] = finalSize;
  fill[F_PRICE] = adjPrice;
  fill[F_FEES] = feesPaid;
  return OrderStatus.Filled;
}

/** vectorbt `sell_nb`: sell or short. */
function sell(
  state: Float64Array, size: number, price: number, direction: number, fees: number, fixedFees: number, slippage: number, percent: number,
  cash: number, position: number, debt: number, freeCash: number, fill: Float64Array,
): OrderStatus {
  const adjPrice = price * (1 - slippage);
  let sizeLimit: number;
  if (direction === Direction.LongOnly) {
    sizeLimit = size < position ? size : position;
  } else if (size === Infinity && percent === percent) {
    // As much as the free cash allows: the long part is sold, the rest shorted against free cash.
    const longSize = 0 > position ? 0 : position;
    const longCash = longSize * adjPrice * (1 - fees);
    const totalFreeCash = addSnap(freeCash, longCash);
    let maxSizeLimit: number;
    if (totalFreeCash <= 0) {
      if (position <= 0) return OrderStatus.Rejected;
      maxSizeLimit = longSize;
    } else {
      const maxShortSize = addSnap(totalFreeCash, -fixedFees) / (adjPrice * (1 + fees));
      maxSizeLimit = addSnap(longSize, maxShortSize);
      if (maxSizeLimit <= 0) return OrderStatus.Rejected;
    }
    sizeLimit = maxSizeLimit;
  } else {
    // A finite short is taken as asked: vectorbt does not limit it by cash.
    sizeLimit = size;
  }
  if (percent === percent) sizeLimit = percent * sizeLimit;
  if (direction !== Direction.LongOnly) {
    if (sizeLimit === Infinity || sizeLimit === -Infinity) throw new SimulationError('Attempt to go in short direction infinitely');
  } else if (position === 0) return OrderStatus.Rejected;
  if (isClose(sizeLimit, 0)) return OrderStatus.Ignored;
  if (isLess(sizeLimit, MIN_SIZE)) return OrderStatus.Rejected;

  const acqCash = sizeLimit * adjPrice;
  const feesPaid = acqCash * fees + fixedFees;
  const finalAcqCash = addSnap(acqCash, -feesPaid);
  if (finalAcqCash < 0) return OrderStatus.Rejected;

  const newCash = cash + finalAcqCash;
  const newPosition = addSnap(position, -sizeLimit);
  let newDebt = debt;
  let newFreeCash: number;
  if (newPosition < 0) {
    const shortSize = position < 0 ? sizeLimit : Math.abs(newPosition);
    const shortValue = shortSize * adjPrice;
    newDebt = debt + shortValue;
    newFreeCash = addSnap(freeCash, addSnap(finalAcqCash, -2 * shortValue));
  } else {
    newFreeCash = freeCash + finalAcqCash;
  }
  state[S_CASH] = newCash;
  state[S_POSITION] = newPosition;
  state[S_DEBT] = newDebt;
  state[S_FREE_CASH] = newFreeCash;
  fill[F_SIZE] = sizeLimit;
  fill[F_PRICE] = adjPrice;
  fill[F_FEES] = feesPaid;
  return OrderStatus.Filled;
}

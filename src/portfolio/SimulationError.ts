/**
 * SimulationError: a request vectorbt 0.28.3 itself refuses, raised with vectorbt's exception type and its exact
 * message (e.g. `ValueError: SizeType.Percent does not support position reversal using signals`), so a caller can
 * report the refusal the way vectorbt does (`vecbt simulate` writes it as the `error` object of the expected
 * document). Shape and option mistakes of our own API stay RangeErrors.
 */
export class SimulationError extends Error {
  /** The Python exception class vectorbt raises. */
  readonly type: 'ValueError';
  constructor(message: string, type: 'ValueError' = 'ValueError') {
    super(message);
    this.name = 'SimulationError';
    this.type = type;
  }
}

/** vectorbt `signals_to_size_nb`: from_signals sizes orders by amount, value or percent only. */
export const ONLY_AMOUNT_VALUE_PERCENT = 'Only SizeType.Amount, SizeType.Value, and SizeType.Percent are supported';
/** vectorbt `signals_to_size_nb`: a reversal needs a size in shares or cash, not a fraction. */
export const PERCENT_NO_REVERSAL = 'SizeType.Percent does not support position reversal using signals';
/** vecbt's equity sizing cannot reverse a position either (its size is an entry's, not a reversal's). */
export const EQUITY_NO_REVERSAL = 'size_type equity does not support position reversal using signals';

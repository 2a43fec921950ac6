/** vectorbt `min_size` (`_settings.py`): a fill of fewer shares is rejected. */
export const MIN_SIZE = 1e-8;

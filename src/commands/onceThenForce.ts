/**
 * A signal handler: the first signal calls `first`; a later one calls `force`, unless it comes within
 * `dupMs` of the first: that is the same signal arriving twice, not a second press. A signal reaches the
 * process twice under `npx vecbt ...`: Heroku (and a terminal's Ctrl-C) signal every process of the dyno
 * (the process group), and npm forwards what it gets to its child as well.
 */
export function onceThenForce(first: (sig: NodeJS.Signals) => void, force: () => void, dupMs = 1000): (sig: NodeJS.Signals) => void {
  let at = 0;
  return (sig) => {
    if (!at) {
      at = Date.now();
      first(sig);
    } else if (Date.now() - at > dupMs) force();
  };
}

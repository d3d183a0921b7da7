/** Whether the operator has paused: heavy work that can wait (mounting Monaco, elk's layout) must not land in the middle of a pan or a drag. */
import { useCallback, useEffect, useState } from 'react';

/** How long without pointer, wheel or key input counts as a pause. */
const QUIET_MS = 400;
/** Input that means the operator is in the middle of something; a pointer moving with no button pressed is not. */
const BUSY_EVENTS = ['pointerdown', 'pointermove', 'pointerup', 'wheel', 'keydown'] as const;

/**
 * Calls `callback` once the page has had no input for a moment and the browser is idle; returns a cancel function.
 *
 * @example
 * const cancel = onQuietMoment(() => startLayout());
 */
export function onQuietMoment(callback: () => void): () => void {
  let lastInput = performance.now();
  const onInput = (event: Event) => {
    if (event.type === 'pointermove' && (event as PointerEvent).buttons === 0) return;
    lastInput = performance.now();
  };
  for (const type of BUSY_EVENTS) window.addEventListener(type, onInput, { capture: true, passive: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const stop = () => {
    for (const type of BUSY_EVENTS) window.removeEventListener(type, onInput, { capture: true });
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
  const check = () => {
    const wait = lastInput + QUIET_MS - performance.now();
    if (wait > 0) {
      timer = setTimeout(check, wait);
      return;
    }
    const settle = () => {
      if (performance.now() - lastInput < QUIET_MS) return check();
      stop();
      callback();
    };
    // Safari has no requestIdleCallback: a pause without input is enough there.
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(settle, { timeout: QUIET_MS });
    else settle();
  };
  timer = setTimeout(check, QUIET_MS);
  return stop;
}

/**
 * `false` until the operator pauses (see `onQuietMoment`) or `wake` is called, then `true` for good. Mounting Monaco
 * costs the main thread most of a second; an operator who pans or drags right after opening a journey would
 * otherwise see the canvas freeze under their hand.
 *
 * @example
 * const [quiet, wake] = useQuietMoment(painted);
 * return quiet ? <DslPanel /> : <Placeholder onPointerDown={wake} />;
 */
export function useQuietMoment(enabled: boolean): [quiet: boolean, wake: () => void] {
  const [quiet, setQuiet] = useState(false);
  const wake = useCallback(() => setQuiet(true), []);
  useEffect(() => (enabled && !quiet ? onQuietMoment(wake) : undefined), [enabled, quiet, wake]);
  return [quiet, wake];
}

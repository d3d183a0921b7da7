/** Whether the browser has drawn a frame since the component mounted: work that can wait must not delay the first paint. */
import { useEffect, useState } from 'react';

/**
 * `false` until a frame has been painted after mount, then `true`. React on its own starts deferred renders and
 * lazy panels before React Flow has measured its pane and drawn the first cards.
 *
 * @example
 * const painted = usePaintedOnce();
 * useEffect(() => { if (painted) startCheck(doc); }, [painted, doc]);
 */
export function usePaintedOnce(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The animation-frame callback runs before the frame is drawn; the timeout it starts runs after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}

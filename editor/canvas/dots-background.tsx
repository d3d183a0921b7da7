/** The canvas's dotted background as one composited layer that a pan only moves: React Flow's SVG pattern is painted and rasterised afresh on every frame of a pan, which without a GPU costs about as much as the rest of the frame. */
import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';

export interface DotsBackgroundProps {
  /** Distance between dots at zoom 1, in flow pixels. */
  gap: number;
  /** Dot diameter at zoom 1. */
  size: number;
  color: string;
}

/**
 * Dots every `gap` flow pixels, placed as React Flow's `<Background variant="dots">` places them. The layer is one
 * tile larger than the pane on each side; a pan translates it by the pan modulo one tile (the compositor moves the
 * pixels it already has), a zoom redraws it. Updated from React Flow's store directly, never through a render.
 *
 * @example
 * <ReactFlow …><DotsBackground gap={20} size={1.2} color="#cbd5e1" /></ReactFlow>
 */
export function DotsBackground({ gap, size, color }: DotsBackgroundProps) {
  const store = useStoreApi();
  const layer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = layer.current;
    if (!element) return;
    let zoom: number | undefined;
    const place = () => {
      const [x, y, scale] = store.getState().transform;
      const tile = gap * scale || 1;
      if (scale !== zoom) {
        zoom = scale;
        const radius = (size * scale) / 2;
        element.style.inset = `${-tile}px`;
        element.style.backgroundSize = `${tile}px ${tile}px`;
        // The tile is the SVG circle React Flow's pattern draws, so the dots look the same.
        const tileImage = `<svg xmlns="http://www.w3.org/2000/svg" width="${tile}" height="${tile}"><circle cx="${radius}" cy="${radius}" r="${radius}" fill="${color}"/></svg>`;
        element.style.backgroundImage = `url("data:image/svg+xml,${encodeURIComponent(tileImage)}")`;
      }
      // React Flow's pattern starts at the pan modulo a tile, shifted back by half a tile.
      const along = (offset: number) => ((((offset - tile / 2) % tile) + tile) % tile);
      element.style.transform = `translate(${along(x)}px, ${along(y)}px)`;
    };
    place();
    return store.subscribe((state, previous) => {
      if (state.transform !== previous.transform) place();
    });
  }, [store, gap, size, color]);
  return (
    <div className="react-flow__background dots-background" data-testid="rf__background">
      <div ref={layer} className="dots-background-layer" />
    </div>
  );
}

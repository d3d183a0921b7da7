/** When a journey is large enough that the editor trades exactness for open time (hundreds of nodes). */
import type { JourneyDocument } from '../../dsl/schema/document.ts';

/**
 * Above this many nodes the canvas mounts only the cards on screen, and a journey without stored positions
 * opens on quick placement while elk lays it out. Below it every card is in the page (find, screenshots and
 * tests see the whole journey) and elk's layout, a fraction of a second, is awaited so nothing moves after opening.
 */
export const LARGE_JOURNEY_NODES = 150;

/**
 * @example
 * isLargeJourney(doc); // true for a 500-node journey
 */
export function isLargeJourney(doc: JourneyDocument): boolean {
  return doc.nodes.length > LARGE_JOURNEY_NODES;
}

import { TEST_IDS } from '../constants';
import { AnchorRect } from './DetailsPopover';

/** A rendered tile's element and its position among all tiles in display order. */
export interface TileElement {
  index: number;
  element: HTMLElement;
}

/** The tile an event happened in, if it is one of the rendered tiles inside `container`. */
export function tileAt(
  container: HTMLElement | null,
  target: EventTarget | null,
  tileCount: number
): TileElement | undefined {
  const element = target instanceof Element ? target.closest<HTMLElement>(`[data-testid="${TEST_IDS.tile}"]`) : null;
  const index = Number(element?.dataset.index);
  return element && container?.contains(element) && Number.isInteger(index) && index < tileCount
    ? { index, element }
    : undefined;
}

/** The element of a rendered tile, by its position among all tiles. */
export function renderedTile(container: HTMLElement | null, index: number): HTMLElement | null {
  return container?.querySelector<HTMLElement>(`[data-index="${index}"]`) ?? null;
}

const TAB_STOPS =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

/** The elements in `root` that Tab stops at, in document order. */
export function tabStopsIn(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(TAB_STOPS)).filter((element) => element.tabIndex >= 0);
}

/**
 * Focuses the first element after `grid` in document order, outside the grid and the details, that
 * Tab stops at and that takes focus (hidden ones do not); false when there is none.
 */
export function focusNextAfter(grid: HTMLElement, details: HTMLElement): boolean {
  for (const element of tabStopsIn(document)) {
    if (
      !grid.contains(element) &&
      !details.contains(element) &&
      (grid.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
    ) {
      element.focus();
      if (document.activeElement === element) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Whether focus leaving `grid` for `next` stays near it: inside the grid, or inside the details box
 * `detailsId`, which is portalled to the end of the page (a link in it being clicked).
 */
export function focusStaysNear(grid: Element, next: EventTarget | null, detailsId: string): boolean {
  return next instanceof Node && (grid.contains(next) || document.getElementById(detailsId)?.contains(next) === true);
}

/**
 * Read when details open, and after a render that may have moved their tile, to place them; nothing
 * is laid out from it.
 */
export function anchorOf(element: Element): AnchorRect {
  const rect = element.getBoundingClientRect();
  return { top: rect.top, bottom: rect.bottom, left: rect.left };
}

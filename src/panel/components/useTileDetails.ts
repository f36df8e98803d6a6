import React, { useEffect, useId, useRef, useState } from 'react';

import { AnchorRect } from './DetailsPopover';
import { anchorOf, focusStaysNear } from './tileElements';

const HOVER_OPEN_MS = 300;
const HOVER_CLOSE_MS = 150;

/** The tile whose details are open, where they open, and what opened them. */
export interface DetailsTarget {
  key: string;
  anchor: AnchorRect;
  origin: 'hover' | 'focus';
}

export interface TileDetailsControls {
  /** The id of the details box, for the tile's aria-describedby. */
  id: string;
  target: DetailsTarget | null;
  /** `target` while its tile is rendered: a tile scrolled out of the DOM shows no details. */
  shown: DetailsTarget | null;
  /** The position of `shown`'s tile among all tiles. */
  index: number | undefined;
  /** Opens the tile's details after a pause, or keeps them if they are its already. */
  hoverTile: (key: string, element: Element) => void;
  /** Closes details opened by hovering, after a pause that lets the pointer move into them. */
  leaveLater: () => void;
  /** Cancels a pending open or close: the pointer is over the details. */
  keep: () => void;
  /** Opens the focused tile's details at once. */
  focusTile: (key: string, element: Element) => void;
  /** Closes details opened by focus when focus leaves the grid and the details. */
  onGridBlur: (event: React.FocusEvent<HTMLDivElement>) => void;
  close: () => void;
  /** The details box stays where it opened, so it closes once its tile moves away under it. */
  closeOnScroll: () => void;
  /**
   * Moves the box to its tile after a render that moved the tile (a refresh that sorted it elsewhere,
   * a group added before it), so that it never sits beside another tile.
   */
  follow: (element: Element) => void;
}

/** Which tile's details are open: hover opens and closes them after a pause, focus at once. */
export function useTileDetails(
  indexByKey: (key: string) => number | undefined,
  isRendered: (index: number) => boolean
): TileDetailsControls {
  const id = useId();
  const [target, setTarget] = useState<DetailsTarget | null>(null);
  const targetIndex = target ? indexByKey(target.key) : undefined;
  const index = targetIndex !== undefined && isRendered(targetIndex) ? targetIndex : undefined;
  const shown = index !== undefined ? target : null;
  const timers = useRef<{
    open?: ReturnType<typeof setTimeout>;
    close?: ReturnType<typeof setTimeout>;
    openKey?: string;
  }>({});

  useEffect(() => {
    const pending = timers.current;
    return () => {
      clearTimeout(pending.open);
      clearTimeout(pending.close);
    };
  }, []);

  // Details the pointer opened close on Escape wherever focus is, as Grafana's tooltips do (WCAG
  // 1.4.13); the grid's own Escape covers focus inside it ("closes hover details on Escape" in
  // PortStatusPanel.test.tsx).
  const hoverOpen = target?.origin === 'hover';
  useEffect(() => {
    if (!hoverOpen) {
      return undefined;
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setTarget((shown) => (shown?.origin === 'hover' ? null : shown));
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [hoverOpen]);

  const keep = () => {
    clearTimeout(timers.current.open);
    clearTimeout(timers.current.close);
    timers.current.openKey = undefined;
  };

  const openLater = (next: DetailsTarget) => {
    // Moving over a tile's own text fires again; keep the pending timer instead of restarting it.
    if (timers.current.openKey === next.key) {
      return;
    }
    keep();
    timers.current.openKey = next.key;
    timers.current.open = setTimeout(() => {
      timers.current.openKey = undefined;
      setTarget(next);
    }, HOVER_OPEN_MS);
  };

  const leaveLater = () => {
    keep();
    timers.current.close = setTimeout(
      () => setTarget((shown) => (shown?.origin === 'hover' ? null : shown)),
      HOVER_CLOSE_MS
    );
  };

  const hoverTile = (key: string, element: Element) => {
    if (target?.key === key) {
      keep();
    } else {
      openLater({ key, anchor: anchorOf(element), origin: 'hover' });
    }
  };

  const focusTile = (key: string, element: Element) => {
    keep();
    setTarget({ key, anchor: anchorOf(element), origin: 'focus' });
  };

  const onGridBlur = (event: React.FocusEvent<HTMLDivElement>) => {
    // Focus moving into the details (a link being clicked) must keep them open, or the click is lost.
    if (!focusStaysNear(event.currentTarget, event.relatedTarget, id)) {
      setTarget((shown) => (shown?.origin === 'focus' ? null : shown));
    }
  };

  const close = () => setTarget(null);

  const closeOnScroll = () => {
    if (target) {
      keep();
      setTarget(null);
    }
  };

  const follow = (element: Element) => {
    if (target === null) {
      return;
    }
    const anchor = anchorOf(element);
    const moved =
      Math.abs(anchor.top - target.anchor.top) > 0.5 ||
      Math.abs(anchor.left - target.anchor.left) > 0.5 ||
      Math.abs(anchor.bottom - target.anchor.bottom) > 0.5;
    if (moved) {
      setTarget({ ...target, anchor });
    }
  };

  return {
    id,
    target,
    shown,
    index,
    hoverTile,
    leaveLater,
    keep,
    focusTile,
    onGridBlur,
    close,
    closeOnScroll,
    follow,
  };
}

import { useCallback, useDeferredValue, useMemo, useState } from 'react';

import { ArrangeOptions, TargetState } from '../data/types';
import { Options, SortBy } from '../options/defaultOptions';
import { useViewerChoice } from './useViewerChoice';

export interface Arrangement {
  /** What arrangeTiles is given: the viewer's choices where their controls are shown, else the saved options. */
  arrange: ArrangeOptions;
  text: string;
  setText: (text: string) => void;
  states: TargetState[];
  toggleState: (state: TargetState) => void;
  firing: boolean;
  toggleFiring: () => void;
  clearFilters: () => void;
  sortBy: SortBy;
  setSortBy: (sortBy: SortBy) => void;
  groupBy: string;
  setGroupBy: (groupBy: string) => void;
}

/** The viewer's filter, sort and grouping, made in the panel's summary and controls. */
export function useArrangement(options: Options): Arrangement {
  const [text, setText] = useState('');
  // Filtering 10,000 tiles on every keystroke must not hold up typing.
  const deferredText = useDeferredValue(text);
  const [states, setStates] = useState<TargetState[]>([]);
  const [firing, setFiring] = useState(false);
  const [sortBy, setSortBy] = useViewerChoice(options.sortBy);
  const [groupBy, setGroupBy] = useViewerChoice(options.groupBy);

  // A choice made in controls that the editor has since hidden must not keep acting unseen.
  const controlsShown = options.showFilter;
  const arrange = useMemo<ArrangeOptions>(
    () => ({
      text: controlsShown ? deferredText : '',
      states: options.showSummary ? states : [],
      firing: options.showSummary && firing,
      sortBy: controlsShown ? sortBy : options.sortBy,
      groupBy: controlsShown ? groupBy : options.groupBy,
    }),
    [controlsShown, deferredText, options.showSummary, states, firing, sortBy, groupBy, options.sortBy, options.groupBy]
  );

  const toggleState = useCallback(
    (state: TargetState) =>
      setStates((current) => (current.includes(state) ? current.filter((s) => s !== state) : [...current, state])),
    []
  );
  const toggleFiring = useCallback(() => setFiring((current) => !current), []);
  const clearFilters = useCallback(() => {
    setText('');
    setStates([]);
    setFiring(false);
  }, []);

  return {
    arrange,
    text,
    setText,
    states,
    toggleState,
    firing,
    toggleFiring,
    clearFilters,
    sortBy,
    setSortBy,
    groupBy,
    setGroupBy,
  };
}

import { css } from '@emotion/css';
import React, { memo, useId, useLayoutEffect, useRef, useState } from 'react';
import { GrafanaTheme2 } from '@grafana/data';
import { Combobox, ComboboxOption, FilterInput, Icon, Input, useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { t } from '../../i18n/t';
import { sortChoices } from '../options/choices';
import { SCREEN_READER_ONLY } from './screenReaderOnly';
import { SortBy } from '../options/defaultOptions';

interface Props {
  text: string;
  onTextChange: (text: string) => void;
  sortBy: SortBy;
  onSortByChange: (sortBy: SortBy) => void;
  groupBy: string;
  groupChoices: Array<ComboboxOption<string>>;
  onGroupByChange: (groupBy: string) => void;
}

/** Filter, order and grouping for the viewer; none of it is saved with the dashboard. */
export const ViewControls = memo(function ViewControls(props: Props) {
  const { text, onTextChange, sortBy, onSortByChange, groupBy, groupChoices, onGroupByChange } = props;
  const styles = useStyles2(getStyles);
  const sortId = useId();
  const groupId = useId();
  return (
    <div className={styles.controls}>
      <div className={styles.filter}>
        <FilterInput
          data-testid={TEST_IDS.filter}
          aria-label={t('controls.filter', 'Filter targets')}
          placeholder={t('controls.filter', 'Filter targets')}
          value={text}
          onChange={onTextChange}
          escapeRegex={false}
        />
      </div>
      <div className={styles.select}>
        {/* Combobox takes no aria-label; a label that only screen readers see keeps the header compact.
            Its onChange also reports null when Enter is pressed on text that matches no option. */}
        <label htmlFor={sortId} className={styles.screenReaderOnly}>
          {t('controls.sort-by', 'Sort by')}
        </label>
        <LazyCombobox
          id={sortId}
          options={sortChoices()}
          value={sortBy}
          onChange={(choice: ComboboxOption<SortBy> | null) => choice && onSortByChange(choice.value)}
        />
      </div>
      <div className={styles.select}>
        <label htmlFor={groupId} className={styles.screenReaderOnly}>
          {t('controls.group-by', 'Group by')}
        </label>
        <LazyCombobox
          id={groupId}
          options={groupChoices}
          value={groupBy}
          onChange={(choice: ComboboxOption<string> | null) => choice && onGroupByChange(choice.value)}
        />
      </div>
    </div>
  );
});

function keepValue(): void {}

interface LazyComboboxProps<T extends string> {
  id: string;
  options: Array<ComboboxOption<T>>;
  value: T;
  onChange: (choice: ComboboxOption<T> | null) => void;
}

/**
 * @grafana/ui's Combobox, put in place when the pointer first comes over it or focus first reaches
 * it; until then its face: the same input with the chosen option and the same chevron, as a combobox
 * that is closed. Two Comboboxes (each with its menu's portal, floating position and list state) were
 * a good part of the panel's first paint with few targets (`npm run bench`, the floor comparison, with
 * and without them; docs/performance.md, "View controls drawn as their face until used"), for
 * controls most views never open. Focus moves on to the Combobox, which
 * opens with the keys as usual ("shows the sort and group choices, and sorts by the choice made with
 * the keys alone" in PortStatusPanel.test.tsx).
 */
function LazyCombobox<T extends string>({ id, options, value, onChange }: LazyComboboxProps<T>): React.JSX.Element {
  const styles = useStyles2(getStyles);
  const [active, setActive] = useState(false);
  const focusWhenActive = useRef(false);
  useLayoutEffect(() => {
    if (active && focusWhenActive.current) {
      focusWhenActive.current = false;
      document.getElementById(id)?.focus();
    }
  }, [active, id]);
  if (active) {
    return <Combobox id={id} options={options} value={value} onChange={onChange} />;
  }
  const chosen = options.find((option) => option.value === value);
  return (
    <div onPointerEnter={() => setActive(true)}>
      <Input
        id={id}
        className={styles.comboboxFace}
        role="combobox"
        aria-expanded={false}
        aria-autocomplete="list"
        autoComplete="off"
        // Not readOnly, which Grafana's Input draws greyed; focus hands over to the Combobox before a key is typed.
        value={chosen?.label ?? value}
        onChange={keepValue}
        suffix={<Icon name="angle-down" />}
        onFocus={() => {
          focusWhenActive.current = true;
          setActive(true);
        }}
      />
    </div>
  );
}

export const getStyles = (theme: GrafanaTheme2) => ({
  // As Combobox's own input: the pointer over the text, the chevron letting clicks through.
  comboboxFace: css({
    '> div > div:last-child': {
      pointerEvents: 'none',
    },
    '& input': {
      cursor: 'pointer',
    },
  }),
  controls: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minWidth: 0,
  }),
  // In a narrow panel the filter gives way first: a select cut down below its longest choice
  // ("Problems first") no longer says what it does. In a slim one (a panel repeated side by side)
  // all three share the width rather than leave the panel, where no pointer reaches them
  // (panel-ui.test.ts, "slim size").
  filter: css({
    flex: '1 1 0',
    minWidth: `min(${theme.spacing(12)}, 30%)`,
  }),
  select: css({
    flex: '0 1 auto',
    width: theme.spacing(19),
    minWidth: `min(${theme.spacing(15)}, 30%)`,
  }),
  screenReaderOnly: css(SCREEN_READER_ONLY),
});

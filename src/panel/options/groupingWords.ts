import { t } from '../../i18n/t';

/** The grouping choice that turns grouping off, in the options editor and the panel's own select. */
export function noGroupingLabel(): string {
  return t('grouping.none', 'No grouping');
}

/** The name of the group of targets without the grouping label: "no team". */
export function withoutLabelName(label: string): string {
  return t('grouping.without-label', 'no {{label}}', { label });
}

/**
 * Styles for text that screen readers read and the eye does not see: a control's label where the
 * header has no room for it, a status said as the view changes. The usual clipped 1-pixel box.
 */
export const SCREEN_READER_ONLY = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

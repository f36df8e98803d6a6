import { useCallback, useState } from 'react';

/**
 * A choice the viewer can change in the panel without saving the dashboard. It starts from the
 * saved option, and a change of the saved option (in the editor) takes over again.
 */
export function useViewerChoice<T>(saved: T): [T, (value: T) => void] {
  const [choice, setChoice] = useState({ saved, value: saved });
  const choose = useCallback((value: T) => setChoice((current) => ({ saved: current.saved, value })), []);
  if (choice.saved !== saved) {
    setChoice({ saved, value: saved });
    return [saved, choose];
  }
  return [choice.value, choose];
}

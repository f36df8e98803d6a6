import { useEffect, useState } from 'react';

import { appTranslations } from '../i18n/appTranslations';

let loaded = false;
void appTranslations.then(() => {
  loaded = true;
});

/** Whether the app's translations are in; a page shows a placeholder until they are. */
export function useTranslations(): boolean {
  const [ready, setReady] = useState(loaded);
  useEffect(() => {
    let live = true;
    void appTranslations.then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return ready;
}

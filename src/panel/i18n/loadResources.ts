import korean from '../locales/ko-KR/portwatch-status-panel.json';
import { bundledResources } from '../../i18n/initTranslations';

export const loadResources = bundledResources({ 'ko-KR': korean });

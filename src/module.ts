import { PanelPlugin } from '@grafana/data';
import { Options } from './options/defaultOptions';

const Placeholder = () => null;
export const plugin = new PanelPlugin<Options>(Placeholder);

import { PortStatusPanel } from '../components/PortStatusPanel';
import { plugin } from '../module';
import { migrateOptions } from './migrateOptions';

describe('plugin', () => {
  it('renders the Port Status panel and migrates saved options', () => {
    expect(plugin.panel).toBe(PortStatusPanel);
    expect(plugin.onPanelMigration).toBe(migrateOptions);
  });
});

import { PortStatusPanel } from '../components/PortStatusPanel';
import { plugin } from '../module';
import { migrateOptions } from './migrateOptions';

describe('plugin', () => {
  it('renders the Port Status panel and migrates saved options', async () => {
    const loaded = await plugin;
    expect(loaded.panel).toBe(PortStatusPanel);
    expect(loaded.onPanelMigration).toBe(migrateOptions);
  });
});

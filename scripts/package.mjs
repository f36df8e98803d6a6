// Writes portwatch-app-<version>.zip and portwatch-status-panel-<version>.zip, each with the built
// plugin inside a folder named after the plugin id, the layout Grafana's plugin directory expects. Built on Node's zlib so packaging needs
// no zip program on the machine.
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import zlib from 'node:zlib';

import { ROOT } from './ensure.mjs';

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** 1980-01-01 as an MS-DOS date: (year - 1980) << 9 | month << 5 | day. */
const DOS_EPOCH_DATE = (1 << 5) | 1;

/** Encodes files as a zip archive (deflate, no zip64: a plugin is far below 4 GiB). */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = zlib.deflateRawSync(data, { level: 9 });
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    // Time and date fixed, so the same build gives the same archive: 00:00 on 1980-01-01, the
    // earliest valid MS-DOS date (a date of 0 reads as month 0).
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_EPOCH_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by Unix, so the mode below is read
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_EPOCH_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const WEBPACK_SOURCE_ROOT = /^webpack:\/\/[^/]*\//;

/**
 * A source map with its sources under `webpack://<id>/`. One build makes the app and the panel, so
 * the panel's map names the app (`webpack://portwatch-app/./panel/module.ts`); the plugin validator
 * removes `webpack://<the archive's plugin id>/` and finds each source under src/, so the panel
 * alone must name itself ("the source maps name their own plugin" in tests/tools/package.test.ts).
 */
export function sourceMapOf(id, data) {
  const map = JSON.parse(data.toString('utf8'));
  map.sources = map.sources.map((source) => source.replace(WEBPACK_SOURCE_ROOT, `webpack://${id}/`));
  return Buffer.from(JSON.stringify(map), 'utf8');
}

/** Writes `<id>-<version>.zip` of one built plugin folder, inside a folder named after the plugin id. */
function packageFolder(dir) {
  const pluginJsonPath = join(dir, 'plugin.json');
  if (!existsSync(pluginJsonPath)) {
    console.error(`${relative(ROOT, pluginJsonPath)} not found: run \`npm run build\` first.`);
    process.exit(1);
  }
  const { id, info } = JSON.parse(readFileSync(pluginJsonPath, 'utf8'));
  const entries = listFiles(dir)
    .sort()
    .map((path) => {
      const data = readFileSync(path);
      return { name: `${id}/${relative(dir, path)}`, data: path.endsWith('.js.map') ? sourceMapOf(id, data) : data };
    });
  const out = join(ROOT, `${id}-${info.version}.zip`);
  writeFileSync(out, zip(entries));
  console.log(`Wrote ${relative(ROOT, out)} (${entries.length} files)`);
}

/** Two archives: the app with the panel inside (dist/), and the panel alone (dist/panel/). */
function main() {
  packageFolder(join(ROOT, 'dist'));
  packageFolder(join(ROOT, 'dist', 'panel'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main();
}

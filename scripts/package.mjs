// Writes portwatch-status-panel-<version>.zip with the built plugin inside a folder named after the
// plugin id, the layout Grafana's plugin directory expects. Built on Node's zlib so packaging needs
// no zip program on the machine.
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import zlib from 'node:zlib';

import { ROOT } from './ensure.mjs';

// zlib.crc32 came with Node 20.15 and 22.2; package.json allows any Node 20, so older ones get the
// table-driven sum. tests/tools/package.test.ts checks both against each other.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

/** CRC-32 (ISO 3309, as zip stores it) without zlib.crc32. */
export function tableCrc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const crc32 = typeof zlib.crc32 === 'function' ? (buffer) => zlib.crc32(buffer) : tableCrc32;

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Encodes files as a zip archive (deflate, no zip64: a plugin is far below 4 GiB). */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = zlib.deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10); // time and date: fixed, so the same build gives the same archive
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
    central.writeUInt32LE(0, 12);
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
    .map((path) => ({ name: `${id}/${relative(dir, path)}`, data: readFileSync(path) }));
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

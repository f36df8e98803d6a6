// jsdom lacks these browser APIs that @grafana/ui and its dependencies use at import time.
const { TextEncoder, TextDecoder } = require('util');
const { MessageChannel, MessagePort } = require('worker_threads');

Object.assign(global, { TextEncoder, TextDecoder, MessageChannel, MessagePort });

if (typeof global.ResizeObserver === 'undefined') {
  global.ResizeObserver = class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// jsdom lacks browser APIs that @grafana/ui and its dependencies use at import time.
const { TextEncoder, TextDecoder } = require('util');

// A timer-based MessageChannel: Node's real one (worker_threads) keeps jest alive after the tests,
// since React's scheduler holds a port open for its whole life.
class TimerMessagePort {
  constructor() {
    this.onmessage = null;
    this.peer = null;
  }
  postMessage(data) {
    setTimeout(() => this.peer && this.peer.onmessage && this.peer.onmessage({ data }), 0);
  }
  start() {}
  close() {
    this.peer = null;
  }
  addEventListener(type, listener) {
    if (type === 'message') {
      this.onmessage = listener;
    }
  }
  removeEventListener() {
    this.onmessage = null;
  }
}

class TimerMessageChannel {
  constructor() {
    this.port1 = new TimerMessagePort();
    this.port2 = new TimerMessagePort();
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

Object.assign(global, { TextEncoder, TextDecoder, MessageChannel: TimerMessageChannel });

if (typeof global.ResizeObserver === 'undefined') {
  global.ResizeObserver = class ResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// Node 20 lacks Intl.DurationFormat, which browsers have and the panel words spans of time with.
require('@formatjs/intl-durationformat/polyfill');

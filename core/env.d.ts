// The few platform globals the pure core may use: they exist in Node, a Worker
// and a service worker alike. Declared here so core/ compiles without the DOM
// library (tsconfig.core.json): any DOM or chrome.* reference is a type error.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare namespace Intl {
  interface DateTimeFormatOptions {
    timeZone?: string;
    hourCycle?: 'h11' | 'h12' | 'h23' | 'h24';
  }
}

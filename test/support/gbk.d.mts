/** Encodes text as GBK; characters GBK lacks become `?`. */
export function gbk(text: string): Uint8Array;

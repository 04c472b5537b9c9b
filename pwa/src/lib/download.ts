// Saving a file the worker built: through a Blob URL and a download link, so nothing goes over the network.

/** Offers `blob` to the merchant as a download named `name`. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The browser reads the URL when the click is handled; give it time before letting go of the Blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

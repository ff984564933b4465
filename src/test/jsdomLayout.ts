// jsdom has no layout engine. CodeMirror measures text ranges and Grafana's pickers watch scrolling;
// these give them empty geometry so the real components mount in jest (the browser harness has the real thing).
export function installLayoutShims() {
  const rects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] });
  Range.prototype.getClientRects = rects as unknown as Range['getClientRects'];
  Range.prototype.getBoundingClientRect = () => new DOMRect();
  if (!('IntersectionObserver' in window)) {
    class NoIntersections {
      observe() {}
      unobserve() {}
      disconnect() {}
      takeRecords() {
        return [];
      }
    }
    Object.assign(window, { IntersectionObserver: NoIntersections });
  }
}

// jsdom has no canvas and no layout. Grafana's Combobox measures option text on a canvas and virtualises its
// list (it renders only the rows that fit the menu's measured height); these give it a text width and a box
// so the real component opens and lists its options in jest. The browser harness runs it for real.
import { installLayoutShims } from '../test/jsdomLayout';

export function installComboboxShims() {
  installLayoutShims();
  HTMLCanvasElement.prototype.getContext = (() => ({
    font: '',
    measureText: (text: string) => ({ width: text.length * 7 }),
  })) as unknown as HTMLCanvasElement['getContext'];
  const box = { x: 0, y: 0, top: 0, left: 0, width: 800, height: 600, right: 800, bottom: 600 };
  Element.prototype.getBoundingClientRect = () => ({ ...box, toJSON: () => box });
  Object.defineProperties(HTMLElement.prototype, {
    clientWidth: { configurable: true, get: () => box.width },
    clientHeight: { configurable: true, get: () => box.height },
  });
}

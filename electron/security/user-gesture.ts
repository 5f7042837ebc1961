import type { WebContents } from 'electron';

/**
 * Did the person just click, tap or press a key in this window? The main process sees real
 * input in webContents' `input-event`, which Electron emits for input the operating system
 * delivered to the page. The page cannot fake one: events a script makes (`el.click()`,
 * `dispatchEvent`) never pass through the browser process.
 *
 * Electron 40 gives main no user-gesture flag of its own where a link is opened
 * (`setWindowOpenHandler`'s details and `will-navigate`'s parameters carry none), so every
 * request to open a link in the system browser must find a gesture here first. A gesture is
 * good for one link only, and only for GESTURE_MS after it: a compromised renderer cannot open
 * URLs at will, at most one right after each click or key press the person makes.
 */

/**
 * Long enough for click → renderer handler → IPC on a busy machine (a few ms normally),
 * short enough that a script cannot bank a click and spend it later.
 */
export const GESTURE_MS = 2_000;

/**
 * Input that can mean "open this": the release that completes a click, a key going down (Enter
 * on a link or button) or up (Space on a button), a tap. Not presses that may start a drag,
 * moves, wheels or hovers.
 */
const ACTIVATING: ReadonlySet<string> = new Set(['mouseUp', 'rawKeyDown', 'keyDown', 'keyUp', 'gestureTap', 'touchEnd']);

export type GestureSource = Pick<WebContents, 'id' | 'on'>;

export class UserGestures {
  /** webContents id → when its last activating input arrived (clock ms). */
  private readonly last = new Map<number, number>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Listens to a webContents' real input; forgets it when it is destroyed. */
  watch(contents: GestureSource): void {
    const id = contents.id;
    contents.on('input-event', (_event, input) => this.note(id, input.type));
    contents.on('destroyed', () => this.last.delete(id));
  }

  note(contentsId: number, type: string): void {
    if (ACTIVATING.has(type)) this.last.set(contentsId, this.clock());
  }

  /** True at most once per gesture, within GESTURE_MS of it; spends the gesture. */
  consume(contentsId: number | undefined): boolean {
    if (contentsId === undefined) return false;
    const at = this.last.get(contentsId);
    if (at === undefined) return false;
    this.last.delete(contentsId);
    const age = this.clock() - at;
    return age >= 0 && age <= GESTURE_MS;
  }
}

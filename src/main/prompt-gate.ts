// The one way main shows a prompt (a dialog, and the electron-updater "restart to update" prompt once there is an
// updater: it MUST go through here too, never call `dialog.*` directly). While the wall is showing, prompts wait in a
// queue and appear on the app window once the wall is gone, so nothing ever pops up over a projected wall.
// Pure (no electron import): the wall and the app window are passed in.

/** What the gate needs to know about the wall (WallWindow provides it). */
export interface WallVisibility {
  isShowing(): boolean;
  /** Called each time the wall stops showing; returns the unsubscribe function. */
  onHidden(listener: () => void): () => void;
}

/** Shows one prompt on `parent` (the app window, when there is one) and settles when the user answered it. */
export type Prompt<P, T> = (parent: P | undefined) => Promise<T> | T;

export interface PromptGateOptions<P> {
  wall: WallVisibility;
  /** The window prompts attach to (the app window), looked up when the prompt is actually shown. */
  parent(): P | undefined;
}

export interface PromptGate<P> {
  /** Show `prompt` now, or once the wall is gone; resolves (or rejects) with what the prompt settles with. */
  show<T>(prompt: Prompt<P, T>): Promise<T>;
  /** Prompts waiting to be shown (the one on screen not included). */
  pending(): number;
  /** Stop listening to the wall; prompts still queued stay unanswered. */
  dispose(): void;
}

export function createPromptGate<P>(options: PromptGateOptions<P>): PromptGate<P> {
  const queue: (() => Promise<void>)[] = [];
  let draining = false;

  // One prompt at a time, in order: a second dialog stacked on the first would hide it. Re-checks the wall before
  // each one, so a wall opened while a prompt was up holds back the rest.
  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0 && !options.wall.isShowing()) await queue.shift()?.();
    } finally {
      draining = false;
    }
  };

  const stopListening = options.wall.onHidden(() => void drain());

  return {
    show<T>(prompt: Prompt<P, T>) {
      return new Promise<T>((resolve, reject) => {
        queue.push(async () => {
          try {
            resolve(await prompt(options.parent()));
          } catch (err) {
            reject(err);
          }
        });
        void drain();
      });
    },
    pending: () => queue.length,
    dispose: stopListening,
  };
}

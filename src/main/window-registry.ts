// The set of webContents that belong to our own windows. The relay accepts requests only from these and
// broadcasts core events only to these. Pure (no electron import) so it is testable on Node.

/** The slice of Electron's WebContents the registry and relay use. */
export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface WindowRegistry {
  /** Track `contents`; returns the function that forgets it (call it when the window closes). */
  add(contents: WebContentsLike): () => void;
  has(webContentsId: number): boolean;
  /** Live (not destroyed) members. */
  all(): WebContentsLike[];
}

export function createWindowRegistry(): WindowRegistry {
  const members = new Map<number, WebContentsLike>();
  return {
    add(contents) {
      // Capture the id now: after 'closed' the webContents is destroyed and must not be touched.
      const id = contents.id;
      members.set(id, contents);
      return () => {
        members.delete(id);
      };
    },
    has(webContentsId) {
      const contents = members.get(webContentsId);
      return contents !== undefined && !contents.isDestroyed();
    },
    all() {
      return [...members.values()].filter((contents) => !contents.isDestroyed());
    },
  };
}

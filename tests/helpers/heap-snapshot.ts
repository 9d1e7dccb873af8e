// Heap snapshots of a Chromium page over CDP, and a summary of one by kind of object. Used by the wall soak and
// benchmark to tell a leak (objects piling up) from V8 compiling more code as the page warms up: both raise
// Performance.getMetrics' JSHeapUsedSize, but only the first is the app's fault.
import type { CDPSession } from '@playwright/test';

/** Takes a snapshot (V8 collects garbage first) and returns it as .heapsnapshot JSON text. */
export async function takeHeapSnapshot(cdp: CDPSession): Promise<string> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return chunks.join('');
}

export interface HeapSummary {
  /** Self sizes of every node in the snapshot (JS and the DOM/Blink objects it shows). */
  totalBytes: number;
  /** Compiled code (V8's `code` nodes): grows while the JIT warms up, then stops. */
  codeBytes: number;
  /** Everything else: what a leak would grow. */
  objectBytes: number;
  /** Self size by node name (constructor or kind), for naming what grew between two snapshots. */
  byName: Map<string, { count: number; bytes: number }>;
}

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export function summarizeHeapSnapshot(text: string): HeapSummary {
  const snap = JSON.parse(text) as SnapshotJson;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const byName = new Map<string, { count: number; bytes: number }>();
  let totalBytes = 0;
  let codeBytes = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] ?? 0] ?? '?';
    const size = snap.nodes[i + sizeAt] ?? 0;
    totalBytes += size;
    if (type === 'code') codeBytes += size;
    const name =
      type === 'object' || type === 'native' ? (snap.strings[snap.nodes[i + nameAt] ?? 0] ?? '?').slice(0, 80) : `(${type})`;
    const entry = byName.get(name) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += size;
    byName.set(name, entry);
  }
  return { totalBytes, codeBytes, objectBytes: totalBytes - codeBytes, byName };
}

/** The names whose self size grew most from `before` to `after`, as "name +bytes (+count)". */
export function topGrowth(before: HeapSummary, after: HeapSummary, n = 8): string[] {
  return [...after.byName]
    .map(([name, v]) => {
      const was = before.byName.get(name) ?? { count: 0, bytes: 0 };
      return { name, bytes: v.bytes - was.bytes, count: v.count - was.count };
    })
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, n)
    .map((g) => `${g.name} ${g.bytes >= 0 ? '+' : ''}${(g.bytes / 1024).toFixed(1)} KB (${g.count >= 0 ? '+' : ''}${g.count})`);
}

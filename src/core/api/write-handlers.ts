// Handlers for the app's own writes (annotations, action items, exception states). Each becomes a replica row
// plus an outbox entry in one transaction (SyncEngine.write); the payload sent to the backend is the full row.
import { randomUUID } from 'node:crypto';
import { OutpostError } from '../../shared/api/errors';
import { readSyncState } from '../db/repos/sync-state-repo';
import { findRow } from '../db/repos/replica-rows-repo';
import type { Handlers } from '../host/dispatcher';
import type { CoreContext } from '../core-context';

type WriteMethods = 'annotations.create' | 'actionItems.upsert' | 'exceptionStates.set';

export function writeHandlers(ctx: CoreContext, now: () => number = Date.now): Pick<Handlers, WriteMethods> {
  /** The writer's user id; checks the region is one this replica holds (the backend would reject it anyway). */
  const author = (regionId: string): string => {
    const state = readSyncState(ctx.db);
    if (!state.heldRegions.includes(regionId)) {
      throw new OutpostError({
        code: 'BAD_REQUEST',
        message: `Region "${regionId}" is not among the regions synced to this Outpost`,
      });
    }
    return state.userId ?? 'local';
  };

  return {
    'annotations.create': (p) => {
      const id = randomUUID();
      const payload = {
        id,
        region_id: p.regionId,
        author: author(p.regionId),
        subject_type: p.subjectType,
        subject_id: p.subjectId,
        body: p.body,
        flag: p.flag ?? null,
        created_at: now(),
      };
      return { id, outboxSeq: ctx.sync.write({ type: 'annotation.create', payload }) };
    },
    'actionItems.upsert': (p) => {
      author(p.regionId);
      const id = p.id ?? randomUUID();
      const existing = findRow(ctx.db, 'action_items', id);
      if (existing && existing.region_id !== p.regionId) {
        throw new OutpostError({ code: 'CONFLICT', message: `Action item ${id} belongs to another region` });
      }
      const at = now();
      const payload = {
        id,
        region_id: p.regionId,
        title: p.title,
        owner_rep_id: p.ownerRepId ?? null,
        due: p.due ?? null,
        deliverable: p.deliverable ?? null,
        status: p.status,
        source: p.source ?? null,
        created_at: typeof existing?.created_at === 'number' ? existing.created_at : at,
        updated_at: at,
      };
      return { id, outboxSeq: ctx.sync.write({ type: 'action_item.upsert', payload }) };
    },
    'exceptionStates.set': (p) => {
      const payload = {
        id: p.key,
        region_id: p.regionId,
        status: p.status,
        owner: p.owner ?? null,
        note: p.note ?? null,
        snoozed_until: p.snoozedUntil ?? null,
        updated_at: now(),
        updated_by: author(p.regionId),
      };
      return { id: p.key, outboxSeq: ctx.sync.write({ type: 'exception_state.set', payload }) };
    },
  };
}

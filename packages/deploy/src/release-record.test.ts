import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalTransport } from './local-transport.ts';
import {
  addEntry,
  emptyRecord,
  findRelease,
  liveEntry,
  markDatabaseRestored,
  markDeployed,
  markLive,
  markRolledBack,
  previousLiveEntry,
  ReleaseRecordStore,
  rollbackToLive,
  setStatus,
  stagedEntry,
} from './release-record.ts';

const alice = { actor: 'alice', runId: '1' };

describe('the release record', () => {
  it('tracks staged, live, superseded, failed and rolled-back releases with who and why', () => {
    const r = emptyRecord();
    const v1 = addEntry(r, { release: 'v1', color: 'blue', environment: 'production', commit: 'a1', backupId: 'b1' }, alice);
    markDeployed(r, v1);
    expect(stagedEntry(r)).toBe(v1);
    markLive(r, v1, alice);
    const v2 = addEntry(r, { release: 'v2', color: 'green', environment: 'production', commit: 'a2' }, alice);
    markDeployed(r, v2);
    expect(markLive(r, v2, alice)).toBe(v1);
    expect(v1.status).toBe('superseded');
    expect(liveEntry(r)).toBe(v2);
    expect(previousLiveEntry(r)).toBe(v1);
    const v3 = addEntry(r, { release: 'v3', color: 'blue', environment: 'production', commit: 'a3' }, alice);
    setStatus(v3, 'failed', alice, 'health check failed');
    expect(previousLiveEntry(r)).toBe(v1);
    expect(r.colors).toMatchObject({ blue: { release: 'v1' }, green: { release: 'v2' } });
    // A rollback: v1 live again, v2 rolled back with the reason and actor.
    markLive(r, v1, { actor: 'bob', runId: '9' }, 'rolled-back', 'checkout broken');
    expect(v2).toMatchObject({ status: 'rolled-back', reason: 'checkout broken' });
    expect(v2.events.at(-1)).toMatchObject({ status: 'rolled-back', actor: 'bob', runId: '9', reason: 'checkout broken' });
    expect(findRelease(r, 'v3')?.reason).toBe('health check failed');
  });

  it('records a rollback on the undone release and tells whether the live release got there by one', async () => {
    const r = emptyRecord();
    const deploy = (release: string, color: string) => {
      const e = addEntry(r, { release, color, environment: 'production', commit: `c-${release}`, backupId: `b-${release}` }, alice);
      markDeployed(r, e);
      markLive(r, e, alice);
      return e;
    };
    const v1 = deploy('v1', 'blue');
    const v2 = deploy('v2', 'green');
    expect(rollbackToLive(r)).toBeUndefined();
    const bob = { actor: 'bob', runId: '9' };
    expect(markRolledBack(r, v1, bob, 'checkout broken')).toBe(v2);
    expect(v2).toMatchObject({ status: 'rolled-back', reason: 'checkout broken', rollback: { toRelease: 'v1', toEntryId: v1.id, actor: 'bob', runId: '9' } });
    expect(v2.rollback?.restoredBackupId).toBeUndefined();
    expect(liveEntry(r)).toBe(v1);
    expect(rollbackToLive(r)).toBe(v2);
    // The rolled-back release is not a candidate for "previous".
    expect(previousLiveEntry(r)).toBeUndefined();
    markDatabaseRestored(v2, 'b-v2');
    expect(v2.rollback).toMatchObject({ restoredBackupId: 'b-v2', restoredAt: expect.any(String) });
    expect(() => markDatabaseRestored(v1, 'x')).toThrow(/was not rolled back/);

    // A normal deploy after the rollback: the live release got there by a deploy again.
    deploy('v3', 'green');
    expect(rollbackToLive(r)).toBeUndefined();
    expect(previousLiveEntry(r)).toBe(v1);

    // The rollback info survives a write and a read.
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    const store = new ReleaseRecordStore(new LocalTransport(), dir);
    await store.write(r);
    expect((await store.read()).history.find((e) => e.id === v2.id)?.rollback).toEqual(v2.rollback);
  });

  it('is written atomically and read back; a damaged file is an error, never reset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    const store = new ReleaseRecordStore(new LocalTransport(), dir);
    expect(await store.read()).toEqual(emptyRecord());
    await store.update((r) => addEntry(r, { release: 'v1', color: 'blue', environment: 'production', commit: 'c' }, alice));
    expect((await store.read()).history[0]).toMatchObject({ id: 1, release: 'v1', status: 'staged', actor: 'alice' });
    writeFileSync(join(dir, 'releases.json'), '{"version":1,"colors":{},"history":[{"id":"x"}]}');
    await expect(store.read()).rejects.toThrow(/releases\.json is damaged \(history\.0\.id/);
    writeFileSync(join(dir, 'releases.json'), '{not json');
    await expect(store.read()).rejects.toThrow(/not valid JSON/);
  });
});

// Drill targets survive the data-drill attribute: built, serialized and parsed back; garbage parses to null.
import { describe, expect, it } from 'vitest';
import {
  drillScope,
  exceptionsDrill,
  matchesDrill,
  parseDrill,
  serializeDrill,
} from '../../../../src/renderer/src/features/war-room/scenes/drill-target';
import { exceptionsBoard } from './fixtures';

describe('drill targets', () => {
  it('round-trips through JSON', () => {
    const target = exceptionsDrill('wallScenes.drill.stage', {
      scope: { regionIds: ['rg-east'] },
      rules: ['stage_overdue'],
      severities: ['critical'],
      statuses: ['open'],
      subjectIds: ['dl-1'],
      titleParams: { stage: 'Quote' },
      factsMatch: { stageId: 'st-quote' },
    });
    expect(parseDrill(serializeDrill(target))).toEqual(target);
    expect(target.filter).toEqual({
      scope: { regionIds: ['rg-east'] },
      rules: ['stage_overdue'],
      severities: ['critical'],
      statuses: ['open'],
      subjectIds: ['dl-1'],
    });
  });

  it('leaves out what was not asked for', () => {
    expect(exceptionsDrill('wallScenes.drill.allOpen')).toEqual({
      kind: 'exceptions',
      filter: {},
      titleKey: 'wallScenes.drill.allOpen',
    });
  });

  it.each([
    ['missing', null],
    ['empty', ''],
    ['not JSON', '{oops'],
    ['not an object', '42'],
    ['wrong kind', JSON.stringify({ kind: 'deals', filter: {}, titleKey: 'x' })],
    ['unknown rule', JSON.stringify({ kind: 'exceptions', filter: { rules: ['no_such_rule'] }, titleKey: 'x' })],
    ['extra filter field', JSON.stringify({ kind: 'exceptions', filter: { stage: 'x' }, titleKey: 'x' })],
    ['no title', JSON.stringify({ kind: 'exceptions', filter: {} })],
  ])('parses %s to null', (_label, json) => {
    expect(parseDrill(json)).toBeNull();
  });

  it('narrows the resolved scope to regions or reps', () => {
    const resolved = {
      regionIds: ['rg-east', 'rg-south'],
      repIds: null,
      regions: [
        { id: 'rg-east', name: '华东', nameEn: 'East China' },
        { id: 'rg-south', name: '华南', nameEn: 'South China' },
      ],
    };
    expect(drillScope(resolved)).toEqual({ regionIds: ['rg-east', 'rg-south'] });
    expect(drillScope(resolved, { regionIds: ['rg-east'], repIds: ['rp-1'] })).toEqual({
      regionIds: ['rg-east'],
      repIds: ['rp-1'],
    });
    expect(drillScope({ ...resolved, regionIds: ['rg-east'], repIds: ['rp-9'] })).toEqual({
      regionIds: ['rg-east'],
      repIds: ['rp-9'],
    });
  });

  it('matches evidence facts the API filter cannot express', () => {
    const item = exceptionsBoard.newestCritical[0];
    if (!item) throw new Error('fixture has no exception');
    expect(matchesDrill(exceptionsDrill('x'), item)).toBe(true);
    expect(matchesDrill(exceptionsDrill('x', { factsMatch: { stageId: 'st-quote' } }), item)).toBe(true);
    expect(matchesDrill(exceptionsDrill('x', { factsMatch: { stageId: 'st-demo' } }), item)).toBe(false);
  });
});

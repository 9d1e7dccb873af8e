// Privacy mode's name masking: Chinese surname + "*" (compound surnames whole), initials for Latin names.
import { describe, expect, it } from 'vitest';
import { maskName, shownName } from '../../../../src/renderer/src/features/war-room/scenes/privacy';

describe('maskName', () => {
  it.each([
    ['张伟', '张*'],
    ['王小明', '王*'],
    ['欧阳娜娜', '欧阳*'],
    ['司马相如', '司马*'],
    ['诸葛亮', '诸葛*'],
    ['欧阳', '欧*'], // two characters: surname + given name, not a bare compound surname
    ['李', '李*'],
    ['  张伟 ', '张*'],
    ['Li Wei', 'L. W.'],
    ['li wei', 'L. W.'],
    ['Mary Ann Smith', 'M. A. S.'],
    ['Madonna', 'M.'],
    ['Émile Zola', 'É. Z.'],
    ['', '—'],
    ['   ', '—'],
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('never returns the full name', () => {
    for (const name of ['张伟', '欧阳娜娜', 'Li Wei', 'Zhang Wei']) expect(maskName(name)).not.toBe(name);
  });

  it('shows the name as is outside privacy mode', () => {
    expect(shownName('张伟', false)).toBe('张伟');
    expect(shownName('张伟', true)).toBe('张*');
  });
});

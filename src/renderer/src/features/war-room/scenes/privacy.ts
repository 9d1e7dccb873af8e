// Privacy mode for a projected wall: rep names shown as a Chinese surname plus "*" (张伟 → 张*, 欧阳娜娜 → 欧阳*)
// or as initials for Latin names (Li Wei → L. W.), so a wider audience sees the pattern, not the person.

/** Two-character surnames that must stay whole (欧阳娜娜 → 欧阳*, not 欧*). */
const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 钟离 闾丘 端木 百里 东郭 南宫 西门 独孤 申屠 太史 公羊 澹台 呼延 赫连 万俟 拓跋 第五 左丘 濮阳 淳于 单于 仲孙 叔孙 亓官 司寇 子车'.split(
    ' ',
  ),
);

const HAN = /\p{Script=Han}/u;

export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '—';
  if (HAN.test(trimmed)) {
    const chars = Array.from(trimmed.replace(/\s+/g, ''));
    const two = chars.slice(0, 2).join('');
    // A two-character name is surname + given name even when the pair looks compound (e.g. 司马 alone is rare).
    const surname = chars.length > 2 && COMPOUND_SURNAMES.has(two) ? two : (chars[0] ?? '');
    return `${surname}*`;
  }
  const initials = trimmed
    .split(/[\s\u00b7.]+/u)
    .filter((part) => part !== '')
    .map((part) => `${(Array.from(part)[0] ?? '').toLocaleUpperCase()}.`);
  return initials.length > 0 ? initials.join(' ') : '—';
}

/** The name to show: masked in privacy mode. */
export function shownName(name: string, privacy: boolean): string {
  return privacy ? maskName(name) : name;
}

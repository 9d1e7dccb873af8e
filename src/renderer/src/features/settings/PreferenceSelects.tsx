// The language and theme selects. Each change is persisted through core and applied at once; a refusal rolls
// the choice back and says why.
import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, localePreferenceSchema, themePreferenceSchema } from '../../../../shared/domain/settings';
import { usePreferences } from '../../lib/preferences';

interface SelectFieldProps {
  testId: string;
  label: string;
  hint: string;
  value: string;
  onChange(event: ChangeEvent<HTMLSelectElement>): void;
  options: readonly { value: string; label: string }[];
}

function SelectField({ testId, label, hint, value, onChange, options }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-testid={testId} value={value} onChange={onChange} aria-describedby={`${id}-hint`}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}

export function LocaleSelect({ onError }: { onError(err: unknown): void }) {
  const { t } = useTranslation();
  const { settings, systemLocale, update } = usePreferences();
  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const locale = localePreferenceSchema.parse(event.target.value);
    update({ locale }).then(() => onError(null), onError);
  };
  const options = [
    { value: 'system', label: t('settings.language.system', { language: t(`common.localeNames.${systemLocale}`) }) },
    ...LOCALES.map((locale) => ({ value: locale, label: t(`common.localeNames.${locale}`) })),
  ];
  return (
    <SelectField
      testId="settings-locale"
      label={t('settings.language.label')}
      hint={t('settings.language.hint')}
      value={settings.locale}
      onChange={onChange}
      options={options}
    />
  );
}

export function ThemeSelect({ onError }: { onError(err: unknown): void }) {
  const { t } = useTranslation();
  const { settings, systemTheme, update } = usePreferences();
  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const theme = themePreferenceSchema.parse(event.target.value);
    update({ theme }).then(() => onError(null), onError);
  };
  const options = [
    { value: 'system', label: t('settings.theme.system', { theme: t(`settings.theme.${systemTheme}`) }) },
    { value: 'light', label: t('settings.theme.light') },
    { value: 'dark', label: t('settings.theme.dark') },
  ];
  return (
    <SelectField
      testId="settings-theme"
      label={t('settings.theme.label')}
      hint={t('settings.theme.hint')}
      value={settings.theme}
      onChange={onChange}
      options={options}
    />
  );
}

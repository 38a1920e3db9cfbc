import { CATALOGUES, LANGS, lang, setLang, useT } from '../i18n/index.ts'

/** The language switch: each language named in itself, the current one pressed. */
export function LangSwitch() {
  const t = useT()
  const now = lang()
  return (
    <fieldset class="lang-switch">
      <legend class="sr-only">{t.lang.label}</legend>
      {LANGS.map((l) => (
        <button
          type="button"
          key={l}
          class="link"
          lang={l}
          aria-pressed={l === now}
          data-lang={l}
          onClick={() => setLang(l)}
        >
          {CATALOGUES[l].lang.name}
        </button>
      ))}
    </fieldset>
  )
}

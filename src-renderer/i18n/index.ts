import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import broadcast from './en/broadcast.json';
import common from './en/common.json';
import composer from './en/composer.json';
import demo from './en/demo.json';
import jobs from './en/jobs.json';
import library from './en/library.json';
import musique from './en/musique.json';
import player from './en/player.json';
import queye from './en/queye.json';
import settings from './en/settings.json';
import stores from './en/stores.json';
import vault from './en/vault.json';

export const resources = {
  en: {
    common,
    library,
    broadcast,
    settings,
    player,
    demo,
    musique,
    queye,
    vault,
    stores,
    composer,
    jobs,
  },
} as const;

/** Each feature owns a namespace file under `i18n/en/`; `common` holds the shared words. */
export function initI18n(language = 'en') {
  void i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources,
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

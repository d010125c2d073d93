import type { ComponentType } from 'react';
import { MusiqueSettings } from '../musique/index.ts';
import { QueyeSettings } from '../queye/index.ts';
import { GeneralSettings } from './GeneralSettings.tsx';

export interface SettingsPage {
  id: string;
  /** Key in the `settings` i18n namespace. */
  labelKey: 'pages.general' | 'pages.queye' | 'pages.musique';
  component: ComponentType;
}

/** Settings sub-pages, in tab order. Features add their page here. */
export const settingsPages: SettingsPage[] = [
  { id: 'general', labelKey: 'pages.general', component: GeneralSettings },
  { id: 'queye', labelKey: 'pages.queye', component: QueyeSettings },
  { id: 'musique', labelKey: 'pages.musique', component: MusiqueSettings },
];

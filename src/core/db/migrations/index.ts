// Every replica migration, in order. Append only: never edit or reorder one that has shipped.
import type { Migration } from '../migrate';
import { appSettings } from './0001-app-settings';

export const MIGRATIONS: readonly Migration[] = [appSettings];

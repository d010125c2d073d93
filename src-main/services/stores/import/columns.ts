/**
 * Which column of a CSV fills which field, from the header row: names are compared folded
 * (case, accents, spaces, `_` and `-` ignored), in English and Portuguese with some Spanish,
 * so `External ID`, `external_id`, `externalId`, `Código da loja` and `loja` all find the ID.
 */
import {
  importFields,
  type ColumnMapping,
  type ImportField,
} from '../../../../src-preload/contract/schemas/stores.ts';
import { foldName } from '../../../../src-preload/contract/schemas/store-time-zones.ts';

/** Folded header names per field; the first field to claim a column wins. */
const headerNames: Record<ImportField, string[]> = {
  externalId: [
    'externalid',
    'external',
    'id',
    'storeid',
    'storecode',
    'code',
    'store',
    'loja',
    'idloja',
    'codigo',
    'codigoloja',
    'codigodaloja',
    'idexterno',
    'iddaloja',
    'tienda',
    'idtienda',
    'musiqueid',
    'deviceid',
  ],
  name: ['name', 'displayname', 'storename', 'nome', 'nomedaloja', 'nomeloja', 'nombre', 'title'],
  region: ['region', 'regiao', 'regione', 'area', 'estado', 'state', 'distrito', 'district'],
  tags: ['tags', 'tag', 'labels', 'etiquetas', 'marcadores', 'categorias'],
  timeZone: [
    'timezone',
    'tz',
    'zone',
    'fuso',
    'fusohorario',
    'zonahoraria',
    'ianatimezone',
    'timezonename',
  ],
  mon: ['mon', 'monday', 'seg', 'segunda', 'segundafeira', 'lunes', 'lun'],
  tue: ['tue', 'tuesday', 'ter', 'terca', 'tercafeira', 'martes', 'mar'],
  wed: ['wed', 'wednesday', 'qua', 'quarta', 'quartafeira', 'miercoles', 'mie'],
  thu: ['thu', 'thursday', 'qui', 'quinta', 'quintafeira', 'jueves', 'jue'],
  fri: ['fri', 'friday', 'sex', 'sexta', 'sextafeira', 'viernes', 'vie'],
  sat: ['sat', 'saturday', 'sab', 'sabado'],
  sun: ['sun', 'sunday', 'dom', 'domingo'],
  notes: ['notes', 'note', 'notas', 'nota', 'observacoes', 'obs', 'comments', 'comentarios'],
  testStore: ['teststore', 'test', 'teste', 'lojateste', 'lojadeteste', 'istest', 'prueba'],
};

const fold = (header: string) => foldName(header).replace(/[+-]/g, '');

/** Maps each field to the first column whose header names it. */
export function matchColumns(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const claimed = new Set<number>();
  const folded = headers.map(fold);
  for (const field of importFields) {
    const names = headerNames[field];
    const column = folded.findIndex((header, i) => !claimed.has(i) && names.includes(header));
    if (column >= 0) {
      mapping[field] = column;
      claimed.add(column);
    }
  }
  return mapping;
}

/** The header row of an export: the names `matchColumns` maps back to the same fields. */
export const exportHeaders: Record<ImportField, string> = {
  externalId: 'external_id',
  name: 'name',
  region: 'region',
  tags: 'tags',
  timeZone: 'time_zone',
  mon: 'mon',
  tue: 'tue',
  wed: 'wed',
  thu: 'thu',
  fri: 'fri',
  sat: 'sat',
  sun: 'sun',
  notes: 'notes',
  testStore: 'test_store',
};

import { Store, X } from 'lucide-react';
import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../../lib/navigation-store.ts';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { Field } from '../../../ui/Field.tsx';
import { IconButton } from '../../../ui/IconButton.tsx';
import { facets } from '../../stores/index.ts';
import type { StepProps } from './ComposerView.tsx';
import { useComposer } from './composer-store.ts';
import { searchStores, type Pick, type PickKind } from './targets.ts';
import { TargetSummary } from './TargetSummary.tsx';

const shownStores = 20;

/** Every store, or any mix of stores, groups, regions, tags and time zones, less exclusions. */
export function WhoStep({ attempted, problemRef }: StepProps) {
  const { t } = useTranslation('composer');
  const go = useNavigation((s) => s.go);
  const directory = useComposer((s) => s.directory);
  const selection = useComposer((s) => s.selection);
  const targets = useComposer((s) => s.targets);
  const { setEveryStore } = useComposer.getState();
  const name = useId();

  if (directory && directory.stores.length === 0) {
    return (
      <EmptyState
        icon={<Store size={36} />}
        title={t('who.emptyDirectory')}
        body={t('who.emptyDirectoryBody')}
        action={{ label: t('who.openStores'), onClick: () => go('stores') }}
      />
    );
  }
  const total = directory?.stores.length ?? 0;

  return (
    <div className="composer-step">
      <fieldset className="composer-radios">
        <legend className="field__label">{t('who.scope')}</legend>
        <label>
          <input
            type="radio"
            name={name}
            checked={selection.everyStore}
            onChange={() => setEveryStore(true)}
          />
          {t('who.every', { total: total.toLocaleString() })}
        </label>
        <label>
          <input
            type="radio"
            name={name}
            checked={!selection.everyStore}
            onChange={() => setEveryStore(false)}
          />
          {t('who.choose')}
        </label>
      </fieldset>
      {!selection.everyStore && <Pickers />}
      <Exclusions />
      <TargetSummary targets={targets} />
      {attempted && targets.stores === 0 && (
        <p ref={problemRef} tabIndex={-1} className="composer-problem" role="alert">
          {t('who.missing')}
        </p>
      )}
    </div>
  );
}

function Pickers() {
  const { t } = useTranslation('composer');
  const directory = useComposer((s) => s.directory);
  const selection = useComposer((s) => s.selection);
  const targets = useComposer((s) => s.targets);
  const { addPick, removePick } = useComposer.getState();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const stores = useMemo(() => directory?.stores ?? [], [directory]);
  const menus = useMemo(() => facets(stores), [stores]);
  const found = query.trim() ? searchStores(stores, query, shownStores) : [];

  const label = (pick: Pick) => {
    const group = directory?.groups.find((g) => g.id === pick.value);
    return t(`who.pick.${pick.kind}`, { value: pick.kind === 'group' ? group?.name : pick.value });
  };
  const gone = new Set(targets.gone.map((p) => `${p.kind}:${p.value}`));

  return (
    <>
      <Field
        id={searchId}
        type="search"
        label={t('who.storeSearch')}
        placeholder={t('who.storeSearchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {query.trim() && found.length === 0 && (
        <p className="composer__muted">{t('who.noStoreMatch', { query: query.trim() })}</p>
      )}
      {found.length > 0 && (
        <ul className="composer-results" aria-label={t('who.storeResults')}>
          {found.map((store) => (
            <li key={store.externalId}>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => addPick({ kind: 'store', value: store.externalId })}
              >
                {t('who.addStore', { id: store.externalId, name: store.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-pickers">
        <PickMenu
          kind="group"
          options={(directory?.groups ?? []).map((g) => ({
            value: g.id,
            label: `${g.name} (${g.memberCount})`,
          }))}
          onAdd={addPick}
        />
        <PickMenu
          kind="region"
          options={menus.regions.map(([v, n]) => ({ value: v, label: `${v} (${n})` }))}
          onAdd={addPick}
        />
        <PickMenu
          kind="tag"
          options={menus.tags.map(([v, n]) => ({ value: v, label: `${v} (${n})` }))}
          onAdd={addPick}
        />
        <PickMenu
          kind="timeZone"
          options={menus.timeZones.map(([v, n]) => ({ value: v, label: `${v} (${n})` }))}
          onAdd={addPick}
        />
      </div>
      <h3 className="composer__subtitle">{t('who.chosenLabel')}</h3>
      {selection.picks.length === 0 ? (
        <p className="composer__muted">{t('who.nothingChosen')}</p>
      ) : (
        <ul className="composer-chips" aria-label={t('who.chosenLabel')}>
          {selection.picks.map((pick) => (
            <li key={`${pick.kind}:${pick.value}`} className="composer-chip">
              {label(pick)}
              {gone.has(`${pick.kind}:${pick.value}`) && (
                <span className="composer-chip__gone">{t('who.gone', { what: label(pick) })}</span>
              )}
              <IconButton
                variant="small"
                label={t('who.remove', { what: label(pick) })}
                onClick={() => removePick(pick)}
              >
                <X size={14} aria-hidden="true" />
              </IconButton>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function PickMenu({
  kind,
  options,
  onAdd,
}: {
  kind: Exclude<PickKind, 'store'>;
  options: Array<{ value: string; label: string }>;
  onAdd: (pick: Pick) => void;
}) {
  const { t } = useTranslation('composer');
  const [value, setValue] = useState('');
  if (options.length === 0) return null;
  const what = t(`who.${kind}`);
  return (
    <div className="composer-picker">
      <Field
        label={what}
        value={value}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => setValue(event.target.value)}
        options={[{ value: '', label: t('who.choosePrompt') }, ...options]}
      />
      <button
        type="button"
        className="button"
        disabled={!value}
        onClick={() => {
          onAdd({ kind, value });
          setValue('');
        }}
      >
        {t('who.add', { what: what.toLowerCase() })}
      </button>
    </div>
  );
}

function Exclusions() {
  const { t } = useTranslation('composer');
  const directory = useComposer((s) => s.directory);
  const selection = useComposer((s) => s.selection);
  const targets = useComposer((s) => s.targets);
  const { exclude, include } = useComposer.getState();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const among = useMemo(() => new Set(targets.externalIds), [targets]);
  if (!targets.stores && !selection.exclusions.length) return null;
  const stores = directory?.stores ?? [];
  const found = query.trim() ? searchStores(stores, query, shownStores, among) : [];
  const nameOf = (id: string) => stores.find((s) => s.externalId === id)?.name ?? '';

  return (
    <div className="composer-exclusions">
      <h3 className="composer__subtitle">{t('who.exclusions')}</h3>
      <Field
        id={searchId}
        type="search"
        label={t('who.excludeSearch')}
        placeholder={t('who.storeSearchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {found.length > 0 && (
        <ul className="composer-results" aria-label={t('who.excludeResults')}>
          {found.map((store) => (
            <li key={store.externalId}>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => exclude(store.externalId)}
              >
                {t('who.excludeStore', { id: store.externalId, name: store.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {selection.exclusions.length > 0 && (
        <ul className="composer-chips" aria-label={t('who.excluded')}>
          {selection.exclusions.map((id) => (
            <li key={id} className="composer-chip">
              {id} {nameOf(id) && `(${nameOf(id)})`}
              <IconButton
                variant="small"
                label={t('who.include', { id })}
                onClick={() => include(id)}
              >
                <X size={14} aria-hidden="true" />
              </IconButton>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

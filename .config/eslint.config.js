// Lint rules for the whole repository. Run with `--config .config/eslint.config.js`
// (the top level of the repository is reserved for the files the product ships with).
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('..', import.meta.url));

const electronMessage =
  'Only the Electron shell (src-main/app, src-main/index.ts, src-preload/index.ts) may import electron.';
const noElectron = { name: 'electron', message: electronMessage };
// `electron/main`, `electron/renderer`… are the same module under another name.
const noElectronSubpaths = { group: ['electron/*'], message: electronMessage };
// electron-store loads electron itself; services take the store the shell (or conf) made.
const noElectronStore = {
  name: 'electron-store',
  message: 'electron-store loads electron: take the store as an argument (conf outside Electron).',
};

const noEnums = {
  selector: 'TSEnumDeclaration',
  message: 'Use a union of string literals (erasable syntax).',
};
// no-restricted-imports sees only static imports; these catch `import()` and `require()`.
// (\x2F is "/": selector regexes cannot contain a literal slash.)
const noDynamicElectron = [
  {
    selector: 'ImportExpression[source.value=/^electron(\\x2F|$)/]',
    message: electronMessage,
  },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\x2F|$)/]",
    message: electronMessage,
  },
];
const mainFromRenderer = 'The renderer may not import main-process code.';
const noDynamicMain = [
  { selector: 'ImportExpression[source.value=/src-main/]', message: mainFromRenderer },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value=/src-main/]",
    message: mainFromRenderer,
  },
];
// The direction patterns below (`{ regex, message }`) as no-restricted-syntax selectors, so a
// direction rule also refuses `import('…')` and `require('…')` of what it forbids statically.
const slashFree = (regex) => regex.replaceAll('/', '\\x2F');
const dynamicForms = (...patterns) =>
  patterns.flatMap(({ regex, message }) => [
    { selector: `ImportExpression[source.value=/${slashFree(regex)}/]`, message },
    {
      selector: `CallExpression[callee.name='require'][arguments.0.value=/${slashFree(regex)}/]`,
      message,
    },
  ]);

// Main's feature folders under `src-main/services/`; every other folder there is shared ground.
const serviceFeatures = [
  'queye',
  'library',
  'stream',
  'player',
  'musique',
  'broadcast',
  'stores',
  'demo',
];
const featureGroup = serviceFeatures.join('|');
const noFeatureFromShared = {
  // A path segment naming a feature folder: `../musique/client.ts`, `../../stores/x.ts`.
  regex: `(^|/)(${featureGroup})/`,
  message:
    'Shared services (core, http, log, vault, settings, files, security, …) import no feature: move the shared piece to core/ or take it as an argument.',
};
const noFeatureInternals = {
  // Any file of a feature folder but its entry, `<folder>/<folder>-feature.ts`.
  regex: `(^|/)(${featureGroup})/(?!\\2-feature\\.ts$)`,
  message:
    'A feature folder is entered only through its <folder>-feature.ts: import that, or take a port from create-services.',
};
// `src-main/shared/` (one flat folder) is used by the services and the sandbox alike: it
// imports other shared files, Node built-ins and npm packages, never a folder above it.
const noUpwardFromShared = {
  // Any relative path that climbs out of the folder to something but `shared/`.
  regex: '^(\\.\\./)+(?!shared/)[^./]',
  message:
    'src-main/shared/ imports only other shared files, Node built-ins and npm packages: never services/, app/, the sandbox or the contract.',
};
// The renderer's import rules. Flat config replaces a rule's options per file rather than
// merging them, so every renderer layer starts from the same list and adds its own.
const rendererImports = (...more) => [
  'error',
  {
    paths: [noElectron, noElectronStore],
    patterns: [
      noElectronSubpaths,
      {
        group: ['**/src-main/**', '../src-main/*'],
        message: 'The renderer may not import main-process code.',
      },
      {
        group: ['node:*'],
        message: 'The renderer has no Node APIs; ask main through window.aislecast.',
      },
      ...more,
    ],
  },
];
const noNodeInRenderer = {
  regex: '^node:',
  message: 'The renderer has no Node APIs; ask main through window.aislecast.',
};
// The same rules for `import()` and `require()`, which no-restricted-imports does not see.
const rendererSyntax = (...more) => [
  'error',
  noEnums,
  ...noDynamicElectron,
  ...noDynamicMain,
  ...dynamicForms(noNodeInRenderer, ...more),
];
const noAppInShared = {
  regex: '(^|/)app/',
  message: 'ui/, lib/ and api/ are shared renderer code: they never import app/.',
};
const noFeatureInShared = {
  regex: '(^|/)features(/|$)',
  message: 'ui/, lib/ and api/ are shared renderer code: they import no feature.',
};
// app/ composes the features; a feature that imported it would depend on its own composer.
const noAppInFeatures = {
  regex: '(^|/)app/',
  message: 'app/ composes the features: a feature never imports it (shared state lives in lib/).',
};
// `../player/queue.ts` (a sibling feature's file) or `…/features/player/queue.ts`, but not
// `../player/index.ts`, `./x.ts` or `../../ui/x.tsx` (a sibling name never starts with a dot).
const onlyPublicEntries = {
  regex: '^(\\.\\./|.*/features/)[^./][^/]*/(?!index\\.ts$)',
  message:
    'A feature imports another feature only through its public entry, features/<name>/index.ts.',
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.cache/**', 'bench/results/**', 'coverage/**'] },
  { basePath: root },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.ts', '.config/*.js'] },
        tsconfigRootDir: root,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': ['error', noEnums],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  // Layering: the renderer never reaches into main, Electron or Node.
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only matters with the React Compiler, which this project does not use.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-syntax': rendererSyntax(),
      'no-restricted-imports': rendererImports(),
    },
  },
  // Direction inside the renderer: shared code (ui/, lib/, api/) imports no feature.
  {
    files: ['src-renderer/{ui,lib,api}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': rendererSyntax(noFeatureInShared, noAppInShared),
      'no-restricted-imports': rendererImports(noFeatureInShared, noAppInShared),
    },
  },
  // A feature reaches another feature only through its public entry, features/<name>/index.ts;
  // composition that joins features lives in src-renderer/app/, which no feature imports.
  {
    files: ['src-renderer/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': rendererSyntax(onlyPublicEntries, noAppInFeatures),
      'no-restricted-imports': rendererImports(onlyPublicEntries, noAppInFeatures),
    },
  },
  // Main-side services, the sandbox, the browser host and the contract never import electron.
  {
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src-main/app/**', 'src-main/index.ts', 'src-preload/index.ts'],
    rules: {
      'no-restricted-syntax': ['error', noEnums, ...noDynamicElectron],
      'no-restricted-imports': [
        'error',
        { paths: [noElectron, noElectronStore], patterns: [noElectronSubpaths] },
      ],
    },
  },
  // Direction inside main's services. Shared folders (everything in `services/` that is not a
  // feature) import no feature; a feature folder is entered from outside only through its
  // `<folder>/<folder>-feature.ts`; features reach each other through that entry or through a
  // port create-services hands them. Files inside a feature import each other freely.
  {
    files: ['src-main/services/**/*.ts'],
    ignores: [...serviceFeatures.map((name) => `src-main/services/${name}/**`)],
    rules: {
      'no-restricted-syntax': [
        'error',
        noEnums,
        ...noDynamicElectron,
        ...dynamicForms(noFeatureFromShared),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noElectronStore],
          patterns: [noElectronSubpaths, noFeatureFromShared],
        },
      ],
    },
  },
  {
    files: [
      'src-main/services/create-services.ts',
      ...serviceFeatures.map((name) => `src-main/services/${name}/**/*.ts`),
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        noEnums,
        ...noDynamicElectron,
        ...dynamicForms(noFeatureInternals),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noElectronStore],
          patterns: [noElectronSubpaths, noFeatureInternals],
        },
      ],
    },
  },
  // src-main/shared/ sits below everything on the main side, services and sandbox alike.
  {
    files: ['src-main/shared/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        noEnums,
        ...noDynamicElectron,
        ...dynamicForms(noUpwardFromShared),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noElectronStore],
          patterns: [noElectronSubpaths, noUpwardFromShared],
        },
      ],
    },
  },
  {
    files: ['src-preload/contract/**/*.ts', 'src-preload/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noElectronStore],
          patterns: [
            noElectronSubpaths,
            {
              group: ['node:*'],
              message: 'The contract is shared with the renderer: no Node APIs.',
            },
            { group: ['**/src-main/**'], message: 'The contract may not depend on main.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);

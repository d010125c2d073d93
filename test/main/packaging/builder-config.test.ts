import { describe, expect, it } from 'vitest';
import pkg from '../../../package.json' with { type: 'json' };

/*
 * Packaging needs Electron's downloads, so it runs in a release pipeline, not here. These
 * invariants keep the packaged app's security baseline from drifting in the meantime.
 */
describe('packaging configuration', () => {
  const build = pkg.build;

  it('flips the fuses that close Node-level back doors in the packaged app', () => {
    expect(build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships only the built bundles, in an asar archive', () => {
    expect(build.asar).toBe(true);
    expect(build.files).toEqual(['out/**/*', 'resources/icon.png', 'package.json']);
    expect(pkg.main).toBe('./out/main/index.js');
  });

  it('builds an installer per OS and lists libsecret for the Linux keyring', () => {
    expect(build.win.target[0]?.target).toBe('nsis');
    expect(build.mac.target).toContain('zip');
    expect(build.mac.hardenedRuntime).toBe(true);
    expect(build.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(build.deb.depends).toContain('libsecret-1-0');
    expect(build.publish).toBeNull();
  });
});

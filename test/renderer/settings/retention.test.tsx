import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  parseHistoryDays,
  RetentionField,
} from '../../../src-renderer/features/settings/RetentionField.tsx';
import { useSettings } from '../../../src-renderer/features/settings/settings-store.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { defaultSettings, shellHandlers } from '../support/fixtures.ts';

beforeEach(() => useSettings.setState({ settings: structuredClone(defaultSettings) }));

describe('the broadcast history retention setting', () => {
  it('accepts whole days from 7 to 3650 only', () => {
    expect(parseHistoryDays('7')).toBe(7);
    expect(parseHistoryDays(' 3650 ')).toBe(3650);
    for (const bad of ['6', '3651', '30.5', '', 'abc', '-10', '1e3']) {
      expect(parseHistoryDays(bad)).toBeUndefined();
    }
  });

  it('shows the saved value, refuses a bad one at the field and saves a good one', async () => {
    const bridge = installFakeBridge(shellHandlers());
    render(<RetentionField />);
    const field = screen.getByLabelText<HTMLInputElement>('Keep broadcast history for (days)');
    expect(field.value).toBe('365');
    const save = screen.getByRole<HTMLButtonElement>('button', { name: 'Save' });
    expect(save.disabled).toBe(true);

    fireEvent.change(field, { target: { value: '5' } });
    expect(screen.getByRole('alert').textContent).toBe(
      'Enter a whole number of days from 7 to 3,650.',
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(save.disabled).toBe(true);
    fireEvent.submit(field.form!);
    expect(bridge.calls.filter((c) => c.name === 'settings.set')).toHaveLength(0);

    fireEvent.change(field, { target: { value: '30' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(save);
    await waitFor(() =>
      expect(bridge.calls.find((c) => c.name === 'settings.set')?.args).toEqual({
        broadcast: { historyDays: 30 },
      }),
    );
    expect(await screen.findByText('Saved: history is kept for 30 days.')).toBeTruthy();
    expect(useSettings.getState().settings?.broadcast.historyDays).toBe(30);
  });
});

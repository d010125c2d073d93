import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../src-renderer/api/api-error.ts';
import { ErrorNotice } from '../../../src-renderer/ui/ErrorNotice.tsx';

describe('ErrorNotice', () => {
  it('says what happened, what to do and the reference to quote', () => {
    const retry = vi.fn();
    render(
      <ErrorNotice
        error={
          new ApiError({
            code: 'x',
            message: 'Musique is down.',
            action: 'Try later.',
            requestId: 'req_9',
          })
        }
        onRetry={retry}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Musique is down.');
    expect(alert.textContent).toContain('Try later.');
    expect(alert.textContent).toContain('Reference: req_9');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledOnce();
  });
});

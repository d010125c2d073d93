import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Field } from '../../../src-renderer/ui/Field.tsx';

describe('Field', () => {
  it('wires a labelled input to its hint and error', () => {
    render(<Field label="Name" hint="As shown on receipts" error="Required" defaultValue="" />);
    const input = screen.getByLabelText('Name');
    expect(input.tagName).toBe('INPUT');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ');
    const texts = described.map((id) => document.getElementById(id)?.textContent);
    expect(texts).toEqual(['Required', 'As shown on receipts']);
  });

  it('is a labelled select when given options, with the same wiring', () => {
    render(
      <Field
        label="Method"
        hint="Any when empty"
        options={[
          { value: '', label: 'Any method' },
          { value: 'GET', label: 'GET' },
        ]}
        defaultValue="GET"
      />,
    );
    const select = screen.getByLabelText<HTMLSelectElement>('Method');
    expect(select.tagName).toBe('SELECT');
    expect(select.value).toBe('GET');
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'Any method'],
      ['GET', 'GET'],
    ]);
    expect(select.getAttribute('aria-invalid')).toBeNull();
    const hintId = select.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(hintId)?.textContent).toBe('Any when empty');
  });
});

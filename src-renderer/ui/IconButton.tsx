import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';

interface Props extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'title'> {
  /** Said by screen readers and shown as the tooltip: an icon alone names nothing. */
  label: string;
  /** The tooltip when it should say more than the name (a toggle's next action: "Unmute"). */
  tooltip?: string;
  /** A toggle's state (shuffle, mute); leave out for plain buttons. */
  pressed?: boolean;
  variant?: 'plain' | 'primary' | 'small';
  children: ReactNode;
}

/** A round button showing only an icon, named by `label`. */
export const IconButton = forwardRef<HTMLButtonElement, Props>(function IconButton(
  { label, tooltip, pressed, variant = 'plain', className, children, ...rest },
  ref,
) {
  const classes = ['icon-button', variant !== 'plain' && `icon-button--${variant}`, className]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      ref={ref}
      type="button"
      className={classes}
      aria-label={label}
      title={tooltip ?? label}
      aria-pressed={pressed}
      {...rest}
    >
      {children}
    </button>
  );
});

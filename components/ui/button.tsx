import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-accent text-accent-fg hover:bg-accent-hover",
  secondary: "border border-border bg-surface text-fg hover:bg-surface-muted",
  danger: "border border-danger text-danger hover:bg-danger-surface",
  ghost: "text-fg hover:bg-surface-muted",
} as const;

type ButtonVariant = keyof typeof VARIANTS;

const BASE = [
  "inline-flex items-center justify-center gap-2 rounded-md px-3 py-2",
  "text-sm font-medium transition-colors",
  "disabled:cursor-not-allowed disabled:opacity-60",
].join(" ");

export function buttonClass(variant: ButtonVariant = "primary", extra = "") {
  return `${BASE} ${VARIANTS[variant]} ${extra}`;
}

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; pending?: boolean };

/** A button; while `pending` it is disabled and announces itself busy. */
export function Button({ variant = "primary", pending = false, className = "", disabled, children, ...rest }: Props) {
  return (
    <button
      type="button"
      {...rest}
      className={buttonClass(variant, className)}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
    >
      {pending && (
        <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-current border-e-transparent" />
      )}
      {children}
    </button>
  );
}

import React, { useState, type ChangeEvent } from 'react';
import { Field, TextArea } from '@grafana/ui';
import { parseOverrides } from '../../shared/pricing';

interface Props {
  value: unknown;
  onChange: (overrides: unknown) => void;
}

/** Price overrides as JSON, checked by the pricing engine's own parser; invalid text is kept but not saved. */
export function PriceOverridesField({ value, onChange }: Props) {
  const [text, setText] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [error, setError] = useState<string>();
  const update = (t: string) => {
    setText(t);
    if (!t.trim()) {
      setError(undefined);
      onChange(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(t);
      parseOverrides(parsed);
      setError(undefined);
      onChange(parsed);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Field
      label="Price overrides"
      description="Contract prices or multipliers over the bundled price dataset (JSON). Shown on the Prices page."
      invalid={!!error}
      error={error}
    >
      <TextArea
        aria-label="Price overrides"
        rows={4}
        value={text}
        placeholder="{}"
        onChange={(e: ChangeEvent<HTMLTextAreaElement>) => update(e.target.value)}
      />
    </Field>
  );
}

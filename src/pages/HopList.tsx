import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import type { HopStatus, PipelineHop } from '../datasource/resources';

const ICON: Record<HopStatus, 'check-circle' | 'exclamation-triangle' | 'times-circle'> = {
  ok: 'check-circle',
  warn: 'exclamation-triangle',
  error: 'times-circle',
};

const LABEL: Record<HopStatus, string> = { ok: 'OK', warn: 'Warning', error: 'Failing' };

/** Green / amber / red per hop, with the fix for anything not green. */
export function HopList({ hops }: { hops: PipelineHop[] }) {
  const styles = useStyles2(getStyles);
  return (
    <ul className={styles.list} data-testid="hops">
      {hops.map((h) => (
        <li key={h.id} data-status={h.status} data-testid={`hop-${h.id}`}>
          <Icon name={ICON[h.status]} className={styles[h.status]} aria-hidden />
          <span className={styles[h.status]}>{LABEL[h.status]}</span> <strong>{h.name}</strong>: {h.message}
          {h.status !== 'ok' && h.fix && <div className={styles.fix}>Fix: {h.fix}</div>}
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    listStyle: 'none',
    padding: 0,
    li: { marginBottom: theme.spacing(1) },
    svg: { marginRight: theme.spacing(1) },
  }),
  ok: css({ color: theme.colors.success.text }),
  warn: css({ color: theme.colors.warning.text }),
  error: css({ color: theme.colors.error.text }),
  fix: css({ marginLeft: theme.spacing(3), color: theme.colors.text.secondary }),
});

import type { GrafanaTheme2 } from '@grafana/data';

/** The PromQL editor's frame, shared by the editor and the stand-in shown while its code loads. */
export const editorBox = (theme: GrafanaTheme2) => ({
  border: `1px solid ${theme.components.input.borderColor}`,
  borderRadius: theme.shape.radius.default,
  background: theme.components.input.background,
  minHeight: theme.spacing(4),
  width: '100%',
});

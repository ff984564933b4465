import React, { Suspense, lazy } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { TextArea, useStyles2 } from '@grafana/ui';
import { editorBox } from './editorBox';
import type { PromQLFieldProps } from './PromQLField';

// CodeMirror and the PromQL grammar are most of the data source's code and only a promql query needs them.
// The chunk loads from the app's dist folder: see ../publicPath.ts.
const PromQLField = lazy(() =>
  import(/* webpackChunkName: "promql-editor" */ './PromQLField').then(
    (m) => ({ default: m.PromQLField }),
    () => ({ default: PlainPromQLField })
  )
);

/** The PromQL editor, fetched on first use; until it arrives the text shows read-only in the same box. */
export function LazyPromQLField(props: PromQLFieldProps) {
  return (
    <Suspense fallback={<EditorPlaceholder text={props.value} placeholder={props.placeholder} />}>
      <PromQLField {...props} />
    </Suspense>
  );
}

/** When the editor's code cannot be fetched the query stays editable, as plain text. */
function PlainPromQLField({ value, onChange, onBlur, placeholder }: PromQLFieldProps) {
  const styles = useStyles2(getStyles);
  return (
    <div data-testid="promql-editor-plain">
      <TextArea
        aria-label="PromQL"
        className={styles.plain}
        rows={3}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onBlur}
      />
      <div className={styles.placeholder}>
        The PromQL editor could not be loaded; highlighting and completion are off.
      </div>
    </div>
  );
}

function EditorPlaceholder({ text, placeholder }: { text: string; placeholder?: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.box} data-testid="promql-editor-loading" aria-busy="true">
      {text ? text : <span className={styles.placeholder}>{placeholder}</span>}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    ...editorBox(theme),
    padding: theme.spacing(0.5, 0.75),
    fontFamily: theme.typography.fontFamilyMonospace,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
  }),
  placeholder: css({ color: theme.colors.text.disabled }),
  plain: css({ fontFamily: theme.typography.fontFamilyMonospace }),
});

import React, { useEffect, useRef } from 'react';
import { css } from '@emotion/css';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { PromQLExtension, type PrometheusClient } from '@prometheus-io/codemirror-promql';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { editorBox } from './editorBox';

export interface PromQLFieldProps {
  value: string;
  onChange: (expr: string) => void;
  onBlur?: () => void;
  /** Errors to mark in the text (from the backend's parser), by character offset. */
  error?: { offset: number; message: string };
  client?: PrometheusClient;
  placeholder?: string;
}

/** CodeMirror 6 with PromQL highlighting and completion; no CDN, so it runs in Grafana and in the harness. */
export function PromQLField({ value, onChange, onBlur, error, client, placeholder }: PromQLFieldProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const handlers = useRef({ onChange, onBlur });
  useEffect(() => {
    handlers.current = { onChange, onBlur };
  }, [onChange, onBlur]);
  const theme = useTheme2();
  const styles = useStyles2(getStyles);

  useEffect(() => {
    const promql = new PromQLExtension().activateLinter(false).setComplete(client ? { remote: client } : undefined);
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          closeBrackets(),
          autocompletion(),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
          promql.asExtension(),
          syntaxHighlighting(highlightStyle(theme)),
          lintGutter(),
          EditorView.lineWrapping,
          placeholderExt(placeholder ?? ''),
          EditorView.theme({ '&': { fontFamily: theme.typography.fontFamilyMonospace } }, { dark: theme.isDark }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) {
              handlers.current.onChange(u.state.doc.toString());
            }
          }),
          EditorView.domEventHandlers({ blur: () => handlers.current.onBlur?.() }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The view is created once; value changes from outside are synced below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, theme]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) {
      return;
    }
    const len = v.state.doc.length;
    // An error at the very end (unclosed parenthesis) marks the last character, so it stays visible.
    const to = error ? Math.min(Math.max(error.offset, 0) + 1, len) : 0;
    const from = Math.max(0, Math.min(Math.max(error?.offset ?? 0, 0), to - 1));
    const diagnostics: Diagnostic[] = error && len > 0 ? [{ from, to, severity: 'error', message: error.message }] : [];
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [error, value]);

  return <div ref={host} className={styles.editor} data-testid="promql-editor" />;
}

function highlightStyle(theme: GrafanaTheme2) {
  const c = theme.visualization.getColorByName;
  return HighlightStyle.define([
    { tag: tags.keyword, color: c('purple') },
    { tag: tags.function(tags.variableName), color: c('blue') },
    { tag: [tags.string, tags.special(tags.string)], color: c('green') },
    { tag: [tags.number, tags.unit], color: c('orange') },
    { tag: tags.labelName, color: c('yellow') },
    { tag: tags.operator, color: theme.colors.text.secondary },
    { tag: tags.comment, color: theme.colors.text.disabled, fontStyle: 'italic' },
  ]);
}

const getStyles = (theme: GrafanaTheme2) => ({
  editor: css({
    ...editorBox(theme),
    '.cm-editor': { outline: 'none' },
    '.cm-content': { padding: theme.spacing(0.5, 0) },
  }),
});

import { Box, Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { download, query } from '../api';
import { formatNumber } from '../format';
import type { Finding } from '../types';
import { ErrorMessage } from '../ui';

export interface Filters {
  organisation: string;
  class: string;
  severity: string;
  rule: string;
  text: string;
}

const EMPTY: Filters = { organisation: '', class: '', severity: '', rule: '', text: '' };

type Row =
  | { kind: 'document'; key: string; title: string; count: number }
  | {
      kind: 'group';
      key: string;
      ruleId: string;
      count: number;
      severity: string;
      open: boolean;
      sample: string;
    }
  | { kind: 'finding'; key: string; finding: Finding };

const searchText = new WeakMap<Finding, string>();
/** The text a finding is searched by, lower-cased once per finding. */
function textOf(finding: Finding): string {
  let text = searchText.get(finding);
  if (text === undefined) {
    text =
      `${finding.message.id}\n${finding.message.en}\n${finding.subject.indicatorName ?? ''}`.toLowerCase();
    searchText.set(finding, text);
  }
  return text;
}

export function filterFindings(findings: Finding[], filters: Filters): Finding[] {
  const text = filters.text.trim().toLowerCase();
  return findings.filter(
    (finding) =>
      (!filters.organisation || finding.subject.organisationId === filters.organisation) &&
      (!filters.class || finding.class === filters.class) &&
      (!filters.severity || finding.severity === filters.severity) &&
      (!filters.rule || finding.ruleId === filters.rule) &&
      (!text || textOf(finding).includes(text)),
  );
}

const ROW_HEIGHT = 36;
const SEVERITY_CLASS: Record<string, string> = { high: 'sev-high', medium: 'sev-medium' };

/** One row of the list: plain elements of a fixed height, so scrolling draws little. */
const ListRow = memo(function ListRow({
  row,
  start,
  batchId,
  language,
  severityLabel,
  onToggle,
}: {
  row: Row;
  start: number;
  batchId: string;
  language: 'id' | 'en';
  severityLabel: string;
  onToggle: (key: string) => void;
}) {
  return (
    <div
      role="listitem"
      className="findings-row"
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
    >
      {row.kind === 'document' && (
        <div className="findings-document">
          {row.title} · {formatNumber(row.count, 0)}
        </div>
      )}
      {row.kind === 'group' && (
        <button
          type="button"
          className="findings-group"
          onClick={() => onToggle(row.key)}
          aria-expanded={row.open}
          data-testid="finding-group"
        >
          <span aria-hidden>{row.open ? '▾' : '▸'}</span>
          <span className="findings-count">{formatNumber(row.count, 0)}</span>
          <span className={`findings-severity ${SEVERITY_CLASS[row.severity] ?? ''}`}>{severityLabel}</span>
          <b>{row.ruleId}</b>
          <span className="findings-sample">{row.sample}</span>
        </button>
      )}
      {row.kind === 'finding' && (
        <div className="findings-finding">
          <Link to={`/batches/${encodeURIComponent(batchId)}/finding/${encodeURIComponent(row.finding.id)}`}>
            {row.finding.message[language]}
          </Link>
          <span className="findings-where">
            {row.finding.subject.organisationId}
            {row.finding.subject.period ? ` · ${row.finding.subject.period}` : ''}
          </span>
        </div>
      )}
    </div>
  );
});

export const severityColor = (severity: string) =>
  severity === 'high' ? 'red.9' : severity === 'medium' ? 'grape.9' : 'gray.8';

const distinct = (values: string[]) => [...new Set(values)].sort();

/**
 * Findings grouped by document, then by rule (count, expandable list), filtered on the client (the whole batch
 * is loaded once), drawn with a virtualiser so 10 000 rows scroll smoothly.
 */
export function FindingsList({ batchId, findings }: { batchId: string; findings: Finding[] }) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const deferred = useDeferredValue(filters);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [exportError, setExportError] = useState<unknown>(null);
  const language = i18n.language === 'en' ? 'en' : 'id';

  const options = useMemo(
    () => ({
      organisation: distinct(findings.map((finding) => finding.subject.organisationId)),
      class: distinct(findings.map((finding) => finding.class)),
      severity: distinct(findings.map((finding) => finding.severity)),
      rule: distinct(findings.map((finding) => finding.ruleId)),
    }),
    [findings],
  );
  const severityOptions = useMemo(
    () =>
      options.severity.map((value) => ({
        value,
        label: t(`evaluation.severities.${value}`, { defaultValue: value }),
      })),
    [options.severity, t],
  );
  const filtered = useMemo(() => filterFindings(findings, deferred), [findings, deferred]);

  const rows = useMemo<Row[]>(() => {
    const byDocument = new Map<string, { title: string; byRule: Map<string, Finding[]> }>();
    for (const finding of filtered) {
      const documentKey = finding.subject.documentId ?? '';
      let document = byDocument.get(documentKey);
      if (!document) {
        document = {
          title:
            finding.subject.documentTitle ?? finding.subject.documentId ?? finding.subject.organisationId,
          byRule: new Map(),
        };
        byDocument.set(documentKey, document);
      }
      const list = document.byRule.get(finding.ruleId) ?? [];
      list.push(finding);
      document.byRule.set(finding.ruleId, list);
    }
    const out: Row[] = [];
    for (const [documentKey, document] of byDocument) {
      let count = 0;
      for (const list of document.byRule.values()) count += list.length;
      out.push({ kind: 'document', key: `d:${documentKey}`, title: document.title, count });
      for (const [ruleId, list] of [...document.byRule].sort((a, b) => b[1].length - a[1].length)) {
        const key = `g:${documentKey}:${ruleId}`;
        const isOpen = open.has(key);
        out.push({
          kind: 'group',
          key,
          ruleId,
          count: list.length,
          severity: list[0]?.severity ?? '',
          open: isOpen,
          sample: list[0]?.message[language] ?? '',
        });
        if (isOpen)
          for (const finding of list) out.push({ kind: 'finding', key: `f:${finding.id}`, finding });
      }
    }
    return out;
  }, [filtered, open, language]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const toggle = useCallback(
    (key: string) =>
      setOpen((current) => {
        const next = new Set(current);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );

  const serverFilters = {
    organisation: filters.organisation,
    class: filters.class,
    severity: filters.severity,
    rule: filters.rule,
  };
  const exportAs = (format: 'csv' | 'xlsx') => {
    setExportError(null);
    download(
      `/evaluations/${encodeURIComponent(batchId)}/findings${query({ ...serverFilters, limit: 100000, format })}`,
      `temuan-${batchId}.${format}`,
    ).catch(setExportError);
  };
  const set = (name: keyof Filters) => (value: string | null) =>
    setFilters((current) => ({ ...current, [name]: value ?? '' }));

  return (
    <Box>
      <Group align="end" gap="sm" mb="sm" role="search" aria-label={t('common.filter')}>
        <Select
          label={t('evaluation.organisation')}
          data={options.organisation}
          value={filters.organisation || null}
          onChange={set('organisation')}
          clearable
          searchable
          w={200}
        />
        <Select
          label={t('evaluation.class')}
          data={options.class}
          value={filters.class || null}
          onChange={set('class')}
          clearable
          searchable
          w={200}
        />
        <Select
          label={t('evaluation.severity')}
          data={severityOptions}
          value={filters.severity || null}
          onChange={set('severity')}
          clearable
          w={140}
        />
        <Select
          label={t('evaluation.rule')}
          data={options.rule}
          value={filters.rule || null}
          onChange={set('rule')}
          clearable
          searchable
          w={260}
        />
        <TextInput
          label={t('evaluation.message')}
          value={filters.text}
          onChange={(event) => set('text')(event.currentTarget.value)}
          w={200}
        />
        <Button variant="outline" onClick={() => exportAs('xlsx')}>
          {t('evaluation.xlsx')}
        </Button>
        <Button variant="outline" onClick={() => exportAs('csv')}>
          {t('evaluation.csv')}
        </Button>
      </Group>
      <ErrorMessage error={exportError} />
      <Text role="status" size="sm" mb="xs" data-testid="findings-count">
        {t('evaluation.shown', {
          count: filtered.length,
          defaultValue: `${formatNumber(filtered.length, 0)}`,
        }).replace(String(filtered.length), formatNumber(filtered.length, 0))}
      </Text>
      {rows.length === 0 ? (
        <Text>{t('evaluation.noFindings')}</Text>
      ) : (
        <div
          ref={scroller}
          style={{ height: 520, overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)' }}
          data-testid="findings-scroller"
          tabIndex={0}
          aria-label={t('evaluation.grouped')}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="list">
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              return (
                <ListRow
                  key={row.key}
                  row={row}
                  start={item.start}
                  batchId={batchId}
                  language={language}
                  severityLabel={t(`evaluation.severities.${row.kind === 'group' ? row.severity : ''}`, {
                    defaultValue: row.kind === 'group' ? row.severity : '',
                  })}
                  onToggle={toggle}
                />
              );
            })}
          </div>
        </div>
      )}
    </Box>
  );
}

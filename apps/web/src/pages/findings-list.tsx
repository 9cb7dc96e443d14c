import { Anchor, Badge, Box, Button, Group, Select, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
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

export function filterFindings(findings: Finding[], filters: Filters): Finding[] {
  const text = filters.text.trim().toLowerCase();
  return findings.filter(
    (finding) =>
      (!filters.organisation || finding.subject.organisationId === filters.organisation) &&
      (!filters.class || finding.class === filters.class) &&
      (!filters.severity || finding.severity === filters.severity) &&
      (!filters.rule || finding.ruleId === filters.rule) &&
      (!text ||
        finding.message.id.toLowerCase().includes(text) ||
        finding.message.en.toLowerCase().includes(text) ||
        (finding.subject.indicatorName ?? '').toLowerCase().includes(text)),
  );
}

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
    estimateSize: (index) => (rows[index]?.kind === 'finding' ? 44 : 40),
    overscan: 12,
  });

  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

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
          data={options.severity.map((value) => ({
            value,
            label: t(`evaluation.severities.${value}`, { defaultValue: value }),
          }))}
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
        <Button variant="light" onClick={() => exportAs('xlsx')}>
          {t('evaluation.xlsx')}
        </Button>
        <Button variant="light" onClick={() => exportAs('csv')}>
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
                <div
                  key={row.key}
                  role="listitem"
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    width: '100%',
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  {row.kind === 'document' && (
                    <Text fw={700} px="sm" py={8} bg="gray.1">
                      {row.title} · {formatNumber(row.count, 0)}
                    </Text>
                  )}
                  {row.kind === 'group' && (
                    <UnstyledButton
                      onClick={() => toggle(row.key)}
                      aria-expanded={row.open}
                      data-testid="finding-group"
                      px="sm"
                      py={8}
                      w="100%"
                      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                    >
                      <Group gap="xs" wrap="nowrap">
                        <Text aria-hidden>{row.open ? '▾' : '▸'}</Text>
                        <Badge color="dark" variant="outline">
                          {formatNumber(row.count, 0)}
                        </Badge>
                        <Badge color={severityColor(row.severity)}>
                          {t(`evaluation.severities.${row.severity}`, { defaultValue: row.severity })}
                        </Badge>
                        <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                          {row.ruleId}
                        </Text>
                        <Text size="sm" truncate>
                          {row.sample}
                        </Text>
                      </Group>
                    </UnstyledButton>
                  )}
                  {row.kind === 'finding' && (
                    <Group
                      gap="xs"
                      pl={48}
                      py={6}
                      wrap="nowrap"
                      style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }}
                    >
                      <Anchor
                        component={Link}
                        to={`/batches/${encodeURIComponent(batchId)}/finding/${encodeURIComponent(row.finding.id)}`}
                        size="sm"
                        truncate
                      >
                        {row.finding.message[language]}
                      </Anchor>
                      <Text size="xs" c="gray.8" style={{ whiteSpace: 'nowrap' }}>
                        {row.finding.subject.organisationId}
                        {row.finding.subject.period ? ` · ${row.finding.subject.period}` : ''}
                      </Text>
                    </Group>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </Box>
  );
}

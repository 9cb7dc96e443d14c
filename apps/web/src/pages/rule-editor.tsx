import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  List,
  NumberInput,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import CodeMirror from '@uiw/react-codemirror';
import { jsonSchemaLinter, stateExtensions, handleRefresh } from 'codemirror-json-schema';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { del, get, post } from '../api';
import { formatNumber } from '../format';
import type { Finding } from '../types';
import { Async, ErrorMessage } from '../ui';
import { StateBadge } from './rules';

interface RuleDetail {
  id: string;
  state: 'published' | 'draft' | 'retired';
  published: Record<string, unknown> | null;
  file: Record<string, unknown> | null;
  differsFromPublished: boolean;
}

interface Check {
  valid: boolean;
  problems: { path: string; message: string }[];
  failedExamples: { kind: string; index: number; fired: boolean }[];
}

interface DryRun {
  check: Check;
  total: number;
  findings: Finding[];
  published?: { version: number; total: number; findings: Finding[] };
  diff?: { added: string[]; removed: string[] };
}

interface Fact {
  name: string;
  scope: string;
  type: string;
  nullable?: boolean;
  description: string;
}

const TEMPLATE = {
  id: 'smart/new-rule',
  title: { id: 'Judul aturan', en: 'Rule title' },
  description: 'What this rule checks and why.',
  category: 'SMART',
  severity: 'medium',
  class: 'indicator-undefined',
  reference: 'PermenPANRB 88/2021',
  scope: 'indicator',
  conditions: { all: [{ fact: 'hasFormula', operator: 'equal', value: false }] },
  event: { type: 'finding', params: { message: { id: 'Pesan temuan.', en: 'Finding message.' } } },
  examples: { fires: [{ hasFormula: false }], doesNotFire: [{ hasFormula: true }] },
};

function parse(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value))
      return { ok: false, message: 'not an object' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function Editor({ initial, detail }: { initial: string; detail: RuleDetail | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'id';
  const navigate = useNavigate();
  const client = useQueryClient();
  const [text, setText] = useState(initial);
  const debounced = useDebounced(text, 350);
  const parsed = useMemo(() => parse(debounced), [debounced]);
  const schema = useQuery({
    queryKey: ['rule-schema'],
    queryFn: () => get<Record<string, unknown>>('/rules/schema'),
    staleTime: Infinity,
  });
  const facts = useQuery({
    queryKey: ['facts'],
    queryFn: () => get<{ facts: Fact[] }>('/rules/facts'),
    staleTime: Infinity,
  });
  // The rule's check (schema, facts, operators, its examples) runs on each change.
  const check = useQuery({
    queryKey: ['rule-check', debounced],
    queryFn: () => post<Check>('/rules/validate', parsed.ok ? parsed.value : {}),
    enabled: parsed.ok,
    retry: false,
  });
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const dryRun = useMutation({
    mutationFn: (rule: Record<string, unknown>) => post<DryRun>('/rules/dry-run', { rule, year }),
  });
  const [comment, setComment] = useState('');
  const publish = useMutation({
    mutationFn: (rule: Record<string, unknown>) => post<{ version: number }>('/rules', { rule, comment }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['catalogue'] }),
  });
  const retire = useMutation({
    mutationFn: () => {
      const [area, name] = (detail?.id ?? '').split('/');
      return del(`/rules/${encodeURIComponent(area ?? '')}/${encodeURIComponent(name ?? '')}`, { comment });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['catalogue'] });
      void navigate('/admin/rules');
    },
  });

  const extensions = useMemo(() => {
    const list = [
      json(),
      EditorView.lineWrapping,
      lintGutter(),
      linter(jsonParseLinter(), { delay: 300 }),
      EditorView.contentAttributes.of({ 'aria-label': t('rules.editor') }),
    ];
    if (schema.data)
      list.push(
        linter(jsonSchemaLinter(), { delay: 300, needsRefresh: handleRefresh }),
        stateExtensions(schema.data),
      );
    return list;
  }, [schema.data, t]);

  const rule = parsed.ok ? parsed.value : null;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="sm">
          <div
            data-testid="rule-editor"
            tabIndex={0}
            role="group"
            aria-label={t('rules.editor')}
            style={{ height: 460, overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)' }}
          >
            <CodeMirror value={text} extensions={extensions} onChange={setText} basicSetup={{ tabSize: 2 }} />
          </div>
          <Paper withBorder p="sm" data-testid="rule-check" aria-live="polite">
            <Title order={2} size="h4">
              {t('rules.check')}
            </Title>
            {!parsed.ok && <Text c="red.9">{t('rules.invalidJson', { message: parsed.message })}</Text>}
            {parsed.ok && check.error ? <ErrorMessage error={check.error} /> : null}
            {parsed.ok && check.data?.valid && <Text c="teal.9">{t('rules.valid')}</Text>}
            {parsed.ok && check.data && !check.data.valid && (
              <>
                <Text c="red.9">{t('rules.invalid')}</Text>
                <List size="sm">
                  {check.data.problems.map((problem, index) => (
                    <List.Item key={index}>
                      <b>{problem.path || '/'}</b>: {problem.message}
                    </List.Item>
                  ))}
                  {check.data.failedExamples.map((example) => (
                    <List.Item key={`${example.kind}:${example.index}`}>
                      {t('rules.examples')} {example.kind}[{example.index}]:{' '}
                      {example.fired ? 'fired' : 'did not fire'}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Paper>
          <Paper withBorder p="sm">
            <Group align="end">
              <NumberInput
                label={t('rules.dryRunYear')}
                value={year}
                onChange={(value) => setYear(Number(value))}
                w={120}
              />
              <Button onClick={() => rule && dryRun.mutate(rule)} disabled={!rule} loading={dryRun.isPending}>
                {t('rules.dryRun')}
              </Button>
            </Group>
            <ErrorMessage error={dryRun.error} />
            {dryRun.data && (
              <Stack gap={4} mt="sm" data-testid="dry-run">
                <Text>
                  {t('rules.draftFinds')}: <b>{formatNumber(dryRun.data.total, 0)}</b>
                  {dryRun.data.published
                    ? ` · ${t('rules.publishedFinds')}: ${formatNumber(dryRun.data.published.total, 0)}`
                    : ''}
                </Text>
                {dryRun.data.diff && (
                  <Text size="sm">
                    {t('rules.added')}: {formatNumber(dryRun.data.diff.added.length, 0)} ·{' '}
                    {t('rules.removed')}: {formatNumber(dryRun.data.diff.removed.length, 0)}
                  </Text>
                )}
                <ScrollArea.Autosize mah={220}>
                  <List size="sm">
                    {dryRun.data.findings.slice(0, 100).map((finding, index) => (
                      <List.Item key={index}>
                        {finding.subject.organisationId} ·{' '}
                        {finding.subject.indicatorId ?? finding.subject.nodeId ?? ''}:{' '}
                        {finding.message[language]}
                      </List.Item>
                    ))}
                  </List>
                </ScrollArea.Autosize>
              </Stack>
            )}
          </Paper>
          <Paper withBorder p="sm">
            <Stack gap="xs">
              <Textarea
                label={t('rules.comment')}
                value={comment}
                onChange={(event) => setComment(event.currentTarget.value)}
                autosize
                minRows={2}
              />
              <Group>
                <Button
                  onClick={() => rule && publish.mutate(rule)}
                  disabled={!rule || !comment.trim()}
                  loading={publish.isPending}
                >
                  {t('rules.publish')}
                </Button>
                {detail?.state === 'published' && (
                  <Button
                    color="red.9"
                    variant="outline"
                    onClick={() => retire.mutate()}
                    disabled={!comment.trim()}
                    loading={retire.isPending}
                  >
                    {t('rules.retire')}
                  </Button>
                )}
              </Group>
              <ErrorMessage error={publish.error ?? retire.error} />
              {publish.data && (
                <Alert color="green" role="status">
                  {t('rules.publishedOk', { version: publish.data.version })}
                </Alert>
              )}
            </Stack>
          </Paper>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Title order={2} size="h4" mb="xs">
          {t('rules.facts')}
        </Title>
        <ScrollArea h={640} type="auto" viewportProps={{ tabIndex: 0, 'aria-label': t('rules.facts') }}>
          <Async query={facts}>
            {(data) => (
              <Table>
                <Table.Tbody>
                  {data.facts.map((fact) => (
                    <Table.Tr key={`${fact.scope}:${fact.name}`}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {fact.name}
                        </Text>
                        <Text size="xs" c="gray.8">
                          {fact.scope} · {fact.type}
                          {fact.nullable ? ' | null' : ''}
                        </Text>
                        <Text size="xs">{fact.description}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Async>
        </ScrollArea>
      </Grid.Col>
    </Grid>
  );
}

export default function RuleEditorPage() {
  const { t } = useTranslation();
  const { area, name } = useParams();
  const detail = useQuery({
    queryKey: ['rule', area, name],
    queryFn: () =>
      get<RuleDetail>(`/rules/catalogue/${encodeURIComponent(area ?? '')}/${encodeURIComponent(name ?? '')}`),
    enabled: !!area && !!name,
  });
  const header = (
    <Breadcrumbs>
      <Anchor component={Link} to="/admin/rules">
        {t('rules.catalogue')}
      </Anchor>
      <Text>{area && name ? `${area}/${name}` : t('rules.new')}</Text>
    </Breadcrumbs>
  );
  if (!area || !name)
    return (
      <Stack>
        {header}
        <Title order={1} size="h2">
          {t('rules.new')}
        </Title>
        <Editor initial={JSON.stringify(TEMPLATE, null, 2)} detail={null} />
      </Stack>
    );
  return (
    <Stack>
      {header}
      <Async query={detail}>
        {(data) => (
          <>
            <Group>
              <Title order={1} size="h2">
                {data.id}
              </Title>
              <StateBadge state={data.state} />
            </Group>
            <Editor
              key={data.id}
              initial={JSON.stringify(data.file ?? data.published, null, 2)}
              detail={data}
            />
          </>
        )}
      </Async>
    </Stack>
  );
}

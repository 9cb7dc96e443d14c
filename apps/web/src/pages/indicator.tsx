import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, get, post, query } from '../api';
import { useAuth } from '../auth';
import { Chart, type ChartOption } from '../chart';
import { formatDate, formatDateTime, formatNumber, formatStated, type Stated } from '../format';
import type { HistoryEntry, IndicatorDetail, IndicatorHistory, PeriodView } from '../types';
import { Async, ErrorMessage } from '../ui';

const numeric = (value: Stated | null | undefined): number | null =>
  value && typeof value.value === 'number' ? value.value : null;

function achievement(period: PeriodView, language: string): { percent: string; category: string } {
  const computed = period.computedAchievement;
  if (!computed || !('percent' in computed)) return { percent: '—', category: '—' };
  const category = computed.category;
  return {
    percent: `${formatNumber(computed.percent)} %`,
    category: !category
      ? '—'
      : typeof category === 'string'
        ? category
        : language === 'en'
          ? category.en
          : category.id,
  };
}

function entriesOf(history: IndicatorHistory | undefined): HistoryEntry[] {
  if (!history) return [];
  return history.chains
    .flatMap((chain) => chain.entries)
    .sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0));
}

// An entry that changed an earlier value is a revision (or a correction): marked in the chart and the timeline.
const isRevision = (entry: HistoryEntry) => entry.from !== null || /Revised|Corrected/.test(entry.eventType);

function HistoryTimeline({ entries }: { entries: HistoryEntry[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <Text>{t('indicator.noHistory')}</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="history">
      {entries.map((entry) => (
        <Timeline.Item
          key={entry.eventId}
          color={isRevision(entry) ? 'grape.9' : 'blue.8'}
          title={
            <Text fw={600}>
              {entry.kind} {entry.period ?? ''}: {entry.from ? `${formatStated(entry.from)} → ` : ''}
              {formatStated(entry.to)}
              {isRevision(entry) && (
                <Badge ml="xs" size="xs" color="grape.9">
                  {t('indicator.revisionMark')}
                </Badge>
              )}
            </Text>
          }
        >
          <Text size="sm">
            {t('common.who')}: {entry.actor?.name ?? entry.actor?.id ?? '—'} · {t('common.when')}:{' '}
            {formatDateTime(entry.recordedAt)}
            {entry.effectiveOn
              ? ` · ${t('indicator.effectiveOn').replace(/ \(.*\)/, '')}: ${formatDate(entry.effectiveOn)}`
              : ''}
          </Text>
          {entry.reason && (
            <Text size="sm">
              {t('common.reason')}: {entry.reason}
            </Text>
          )}
          {(entry.legalBasis ?? entry.documentReference) && (
            <Text size="sm">
              {t('indicator.basis')}:{' '}
              {[entry.legalBasis, entry.documentReference].filter(Boolean).join(' · ')}
            </Text>
          )}
          {entry.document && (
            <Text size="sm">
              {t('common.document')}: {entry.document.title}
              {entry.source?.table
                ? ` (${entry.source.table}${entry.source.page ? `, hlm. ${entry.source.page}` : ''}${entry.source.row ? `, baris ${entry.source.row}` : ''})`
                : ''}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

interface StaleChange {
  version: number;
  type: string;
  at: string;
  by: string;
  data: Record<string, unknown>;
}

function Stale({ error, onReload }: { error: ApiError; onReload: () => void }) {
  const { t } = useTranslation();
  const changes = (error.body.changes as StaleChange[] | undefined) ?? [];
  return (
    <Alert color="orange" title={t('indicator.stale')} role="alert" data-testid="stale">
      <Text size="sm">{error.text}</Text>
      <List size="sm">
        {changes.map((change) => (
          <List.Item key={change.version}>
            {change.type} · {change.by} · {formatDateTime(change.at)} ·{' '}
            {Object.entries(change.data)
              .map(
                ([name, value]) =>
                  `${name}: ${typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value)}`,
              )
              .join('; ')}
          </List.Item>
        ))}
      </List>
      <Button mt="sm" size="xs" onClick={onReload}>
        {t('indicator.reload')}
      </Button>
    </Alert>
  );
}

type Form = 'target-revisions' | 'realisations' | 'realisation-corrections';

interface Written {
  version: number;
  position: string;
}

function CommandForms({
  detail,
  refPath,
  onSaved,
  onReload,
}: {
  detail: IndicatorDetail;
  refPath: string;
  onSaved: (written: Written) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>('target-revisions');
  const years = detail.periods.map((period) => period.period);
  const [period, setPeriod] = useState<string>(years[years.length - 1] ?? String(new Date().getFullYear()));
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [documentReference, setDocumentReference] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [saved, setSaved] = useState(false);
  // The version the form was loaded with: a change by someone else meanwhile answers 409.
  const [version, setVersion] = useState(detail.indicator.version);

  const mutation = useMutation({
    mutationFn: (): Promise<Written> => {
      // Sent as written ("85,5", "BB"): the API interprets document values the same way everywhere.
      const base = { expectedVersion: version, value: value.trim() };
      switch (form) {
        case 'target-revisions':
          return post<Written>(`/indicators/${refPath}/target-revisions`, {
            ...base,
            year: Number(period),
            reason,
            ...(legalBasis ? { legalBasis } : {}),
            ...(documentReference ? { documentReference } : {}),
            effectiveOn: date,
          });
        case 'realisations':
          return post<Written>(`/indicators/${refPath}/realisations`, { ...base, period, reportedOn: date });
        case 'realisation-corrections':
          return post<Written>(`/indicators/${refPath}/realisation-corrections`, {
            ...base,
            period,
            reason,
            correctedOn: date,
          });
      }
    },
    onSuccess: (written) => {
      setSaved(true);
      setValue('');
      setReason('');
      setVersion(written.version);
      onSaved(written);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    mutation.mutate();
  };
  const error = mutation.error;
  const stale = error instanceof ApiError && error.code === 'STALE_VERSION';

  return (
    <Paper withBorder p="md">
      <Tabs
        value={form}
        onChange={(next) => {
          setForm((next as Form | null) ?? 'target-revisions');
          mutation.reset();
          setSaved(false);
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="target-revisions">{t('indicator.reviseTarget')}</Tabs.Tab>
          <Tabs.Tab value="realisations">{t('indicator.reportRealisation')}</Tabs.Tab>
          <Tabs.Tab value="realisation-corrections">{t('indicator.correctRealisation')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <form
        onSubmit={submit}
        aria-label={t(
          form === 'target-revisions'
            ? 'indicator.reviseTarget'
            : form === 'realisations'
              ? 'indicator.reportRealisation'
              : 'indicator.correctRealisation',
        )}
      >
        <Stack mt="sm" gap="xs">
          <Text size="sm">{t('indicator.version', { version })}</Text>
          <Select
            label={form === 'target-revisions' ? t('common.year') : t('common.period')}
            data={years}
            value={period}
            onChange={(next) => setPeriod(next ?? period)}
            allowDeselect={false}
          />
          <TextInput
            label={t('indicator.newValue')}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            required
          />
          {form !== 'realisations' && (
            <Textarea
              label={t('common.reason')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              required
              autosize
              minRows={2}
            />
          )}
          {form === 'target-revisions' && (
            <>
              <TextInput
                label={t('org.legalBasis')}
                value={legalBasis}
                onChange={(event) => setLegalBasis(event.currentTarget.value)}
              />
              <TextInput
                label={t('indicator.documentReference')}
                value={documentReference}
                onChange={(event) => setDocumentReference(event.currentTarget.value)}
              />
            </>
          )}
          <TextInput
            label={form === 'target-revisions' ? t('indicator.effectiveOn') : t('indicator.reportedOn')}
            value={date}
            onChange={(event) => setDate(event.currentTarget.value)}
            pattern="\d{4}-\d{2}-\d{2}"
            required
          />
          {form === 'target-revisions' && !legalBasis && !documentReference && (
            <Text size="sm" c="gray.8">
              {t('indicator.needBasis')}
            </Text>
          )}
          {stale ? <Stale error={error} onReload={onReload} /> : <ErrorMessage error={error} />}
          {saved && (
            <Text role="status" c="teal.9">
              {t('indicator.saved')}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export default function IndicatorPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { ref = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? '';
  // Read your writes: after a command the page asks for the state at least as new as its position.
  const [waitFor, setWaitFor] = useState<string | undefined>(undefined);
  const refPath = encodeURIComponent(ref);
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: ['indicator', ref, asOf, waitFor],
    placeholderData: (previous) => previous,
    queryFn: () => get<IndicatorDetail>(`/indicators/${refPath}${query({ asOf, waitFor })}`),
  });
  const history = useQuery({
    queryKey: ['history', ref, asOf, waitFor],
    placeholderData: (previous) => previous,
    queryFn: () => get<IndicatorHistory>(`/indicators/${refPath}/history${query({ asOf, waitFor })}`),
  });
  const entries = useMemo(() => entriesOf(history.data), [history.data]);
  const [formKey, setFormKey] = useState(0);

  const option = useMemo<ChartOption | null>(() => {
    if (!detail.data) return null;
    const periods = detail.data.periods;
    const revisedYears = new Set(entries.filter(isRevision).map((entry) => entry.period));
    const en = i18n.language === 'en';
    const names = {
      target: t('indicator.target'),
      pk: t('indicator.agreementTarget'),
      realisation: t('indicator.realisation'),
    };
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) => (typeof value === 'number' ? formatNumber(value) : '—'),
      },
      legend: { top: 0, data: [names.target, names.pk, names.realisation] },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: periods.map((period) => period.period) },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatNumber(value) } },
      series: [
        {
          name: names.target,
          type: 'line',
          data: periods.map((period) => ({
            value: numeric(period.target),
            symbol: period.targetRevised || revisedYears.has(period.period) ? 'diamond' : 'circle',
            symbolSize: period.targetRevised || revisedYears.has(period.period) ? 16 : 6,
            itemStyle:
              period.targetRevised || revisedYears.has(period.period) ? { color: '#c2410c' } : undefined,
            label:
              period.targetRevised || revisedYears.has(period.period)
                ? { show: true, formatter: en ? 'revised' : 'direvisi', position: 'top' }
                : undefined,
          })),
        },
        {
          name: names.pk,
          type: 'line',
          lineStyle: { type: 'dashed' },
          data: periods.map((period) => numeric(period.agreementTarget)),
        },
        { name: names.realisation, type: 'line', data: periods.map((period) => numeric(period.realisation)) },
      ],
    };
  }, [detail.data, entries, i18n.language, t]);

  // After a refusal for a stale version: the current state first, then a fresh form at its version.
  const reload = () => {
    void Promise.all([
      client.invalidateQueries({ queryKey: ['indicator', ref] }),
      client.invalidateQueries({ queryKey: ['history', ref] }),
    ]).then(() => setFormKey((key) => key + 1));
  };

  return (
    <Async query={detail}>
      {(data) => {
        const indicator = data.indicator;
        return (
          <Stack>
            <Breadcrumbs>
              <Anchor component={Link} to="/organisation">
                {t('nav.organisations')}
              </Anchor>
              <Anchor
                component={Link}
                to={`/organisation/${encodeURIComponent(data.organisation.organisationId)}`}
              >
                {data.organisation.name}
              </Anchor>
              <Text>{indicator.indicatorId}</Text>
            </Breadcrumbs>
            <Title order={1} size="h2">
              {indicator.name} {indicator.iku && <Badge color="teal.9">IKU</Badge>}
            </Title>
            <Group gap="xl">
              <Text size="sm">
                {t('indicator.unit')}: {indicator.unit ?? '—'}
              </Text>
              <Text size="sm">
                {t('indicator.formula')}: {indicator.formula ?? '—'}
              </Text>
              <Text size="sm">
                {t('indicator.polarity')}: {indicator.polarity}
              </Text>
              <Text size="sm">
                {t('indicator.baseline')}:{' '}
                {indicator.baseline
                  ? `${formatStated(indicator.baseline.value)} (${indicator.baseline.year})`
                  : '—'}
              </Text>
              <Text size="sm">
                {t('indicator.finalTarget')}: {formatStated(indicator.finalTarget)}
              </Text>
              <Text size="sm">{t('indicator.version', { version: indicator.version })}</Text>
            </Group>
            <Group align="end">
              <TextInput
                type="date"
                label={t('indicator.asOf')}
                description={t('indicator.asOfHelp')}
                value={asOf}
                onChange={(event) => {
                  const next = event.currentTarget.value;
                  setParams(next ? { asOf: next } : {}, { replace: true });
                }}
              />
              {asOf && (
                <Button variant="outline" onClick={() => setParams({}, { replace: true })}>
                  {t('common.close')}
                </Button>
              )}
            </Group>
            <Title order={2} size="h3">
              {t('indicator.periods')}
            </Title>
            <Table striped data-testid="periods">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.period')}</Table.Th>
                  <Table.Th>{t('indicator.target')}</Table.Th>
                  <Table.Th>{t('indicator.agreementTarget')}</Table.Th>
                  <Table.Th>{t('indicator.realisation')}</Table.Th>
                  <Table.Th>{t('indicator.reportedAchievement')}</Table.Th>
                  <Table.Th>{t('indicator.computedAchievement')}</Table.Th>
                  <Table.Th>{t('indicator.category')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.periods.map((period) => {
                  const computed = achievement(period, i18n.language);
                  return (
                    <Table.Tr key={period.period}>
                      <Table.Td>{period.period}</Table.Td>
                      <Table.Td>
                        {formatStated(period.target)}{' '}
                        {period.targetRevised && (
                          <Badge size="xs" color="grape.9">
                            {t('indicator.revised')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{formatStated(period.agreementTarget)}</Table.Td>
                      <Table.Td>
                        {formatStated(period.realisation)}{' '}
                        {period.realisationCorrected && (
                          <Badge size="xs" color="grape.9">
                            {t('indicator.corrected')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{formatStated(period.reportedAchievement)}</Table.Td>
                      <Table.Td>{computed.percent}</Table.Td>
                      <Table.Td>{computed.category}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Title order={2} size="h3">
              {t('indicator.chart')}
            </Title>
            {option && <Chart option={option} label={`${t('indicator.chart')}: ${indicator.name}`} />}
            <Grid>
              <Grid.Col span={{ base: 12, md: can('planner') ? 7 : 12 }}>
                <Title order={2} size="h3" mb="sm">
                  {t('indicator.history')}
                </Title>
                <Async query={history}>{() => <HistoryTimeline entries={entries} />}</Async>
              </Grid.Col>
              {can('planner') && !asOf && (
                <Grid.Col span={{ base: 12, md: 5 }}>
                  <CommandForms
                    key={formKey}
                    detail={data}
                    refPath={refPath}
                    onSaved={(written) => setWaitFor(written.position)}
                    onReload={reload}
                  />
                </Grid.Col>
              )}
            </Grid>
            <Title order={2} size="h3">
              {t('indicator.statements')}
            </Title>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('indicator.field')}</Table.Th>
                  <Table.Th>{t('common.period')}</Table.Th>
                  <Table.Th>{t('common.value')}</Table.Th>
                  <Table.Th>{t('common.document')}</Table.Th>
                  <Table.Th>{t('common.source')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.statements.flatMap((group) =>
                  group.statements.map((statement, index) => (
                    <Table.Tr key={`${group.field}:${group.period ?? ''}:${index}`}>
                      <Table.Td>
                        {group.field}
                        {group.conflict && index === 0 && (
                          <Badge ml="xs" size="xs" color="red.9">
                            {t('indicator.conflict')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{group.period ?? '—'}</Table.Td>
                      <Table.Td>{formatStated(statement.value)}</Table.Td>
                      <Table.Td>
                        {statement.document.title}
                        {statement.primary ? ` (${t('indicator.primary')})` : ''}
                      </Table.Td>
                      <Table.Td>
                        {[
                          statement.source?.table,
                          statement.source?.page && `hlm. ${statement.source.page}`,
                          statement.source?.row && `baris ${statement.source.row}`,
                        ]
                          .filter(Boolean)
                          .join(', ') || '—'}
                      </Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </Stack>
        );
      }}
    </Async>
  );
}

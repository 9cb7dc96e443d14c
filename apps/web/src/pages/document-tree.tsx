import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Breadcrumbs,
  Button,
  Group,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get } from '../api';
import { formatNumber, formatStated } from '../format';
import type { DocumentSummary, TreeNode } from '../types';
import { Async } from '../ui';

function allIds(nodes: TreeNode[], into: string[] = []): string[] {
  for (const node of nodes) {
    into.push(node.nodeId);
    allIds(node.children, into);
  }
  return into;
}

function Node({
  node,
  org,
  depth,
  open,
  toggle,
}: {
  node: TreeNode;
  org: string;
  depth: number;
  open: Set<string>;
  toggle: (id: string) => void;
}) {
  const { t } = useTranslation();
  const expanded = open.has(node.nodeId);
  const hasContent = node.children.length > 0 || node.indicators.length > 0;
  return (
    <li id={`node-${node.nodeId}`}>
      <Group gap="xs" wrap="nowrap" className="tree-row" pl={depth * 20}>
        {hasContent ? (
          <ActionIcon
            variant="subtle"
            size="sm"
            onClick={() => toggle(node.nodeId)}
            aria-expanded={expanded}
            aria-label={`${expanded ? t('common.collapse') : t('common.expand')}: ${node.name}`}
          >
            {expanded ? '▾' : '▸'}
          </ActionIcon>
        ) : (
          <Box w={22} />
        )}
        <Badge variant="outline" color="gray.8" size="sm">
          {node.level}
        </Badge>
        <Box style={{ flex: 1 }}>
          <Text fw={500}>
            {node.code ? `${node.code} ` : ''}
            {node.name}
          </Text>
          {node.budgets.length > 0 && (
            <Text size="sm" c="gray.8">
              {t('org.budget')}:{' '}
              {node.budgets
                .map(
                  (budget) =>
                    `${budget.year} Rp ${formatNumber(typeof budget.amount.value === 'number' ? budget.amount.value : null, 0)}`,
                )
                .join(' · ')}
            </Text>
          )}
        </Box>
      </Group>
      {expanded && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {node.indicators.map((indicator) => (
            <li key={indicator.indicatorId}>
              <Group gap="xs" pl={(depth + 1) * 20 + 26} wrap="wrap">
                <Text size="sm">•</Text>
                <Anchor
                  component={Link}
                  size="sm"
                  to={`/indicator/${encodeURIComponent(`${org}:${indicator.indicatorId}`)}`}
                >
                  {indicator.name}
                </Anchor>
                {indicator.iku && (
                  <Badge size="xs" color="teal.9">
                    IKU
                  </Badge>
                )}
                <Text size="xs" c="gray.8">
                  {indicator.unit ?? ''}
                  {(indicator.targets ?? [])
                    .map((target) => ` · ${target.period}: ${formatStated(target.target)}`)
                    .join('')}
                </Text>
              </Group>
            </li>
          ))}
          {node.children.map((child) => (
            <Node key={child.nodeId} node={child} org={org} depth={depth + 1} open={open} toggle={toggle} />
          ))}
        </ul>
      )}
    </li>
  );
}

export default function DocumentTreePage() {
  const { t } = useTranslation();
  const { org = '', doc = '' } = useParams();
  const tree = useQuery({
    queryKey: ['tree', org, doc],
    queryFn: () =>
      get<{ document: DocumentSummary; tree: TreeNode[] }>(
        `/organisations/${encodeURIComponent(org)}/documents/${encodeURIComponent(doc)}/tree`,
      ),
  });
  const [open, setOpen] = useState<Set<string> | null>(null);
  const ids = useMemo(() => (tree.data ? allIds(tree.data.tree) : []), [tree.data]);
  // Opened at first: the top two levels; a link to a node (#node-…) opens everything.
  const current = useMemo(() => {
    if (open) return open;
    if (!tree.data) return new Set<string>();
    if (window.location.hash.startsWith('#node-')) return new Set(ids);
    return new Set(tree.data.tree.flatMap((node) => [node.nodeId]));
  }, [open, tree.data, ids]);
  const toggle = useCallback(
    (id: string) =>
      setOpen(() => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [current],
  );
  return (
    <Async query={tree}>
      {(data) => (
        <Stack>
          <Breadcrumbs>
            <Anchor component={Link} to="/organisation">
              {t('nav.organisations')}
            </Anchor>
            <Anchor component={Link} to={`/organisation/${encodeURIComponent(org)}`}>
              {org}
            </Anchor>
            <Text>{data.document.kind}</Text>
          </Breadcrumbs>
          <Title order={1} size="h2">
            {data.document.title}
          </Title>
          <Group>
            <Title order={2} size="h3">
              {t('org.tree')}
            </Title>
            <Button size="xs" variant="outline" onClick={() => setOpen(new Set(ids))}>
              {t('org.expandAll')}
            </Button>
            <Button size="xs" variant="outline" onClick={() => setOpen(new Set())}>
              {t('org.collapseAll')}
            </Button>
          </Group>
          <ul aria-label={t('org.tree')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {data.tree.map((node) => (
              <Node key={node.nodeId} node={node} org={org} depth={0} open={current} toggle={toggle} />
            ))}
          </ul>
        </Stack>
      )}
    </Async>
  );
}

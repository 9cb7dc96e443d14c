import { Anchor, Breadcrumbs, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get } from '../api';
import { formatDate } from '../format';
import type { DocumentSummary, Organisation } from '../types';
import { Async } from '../ui';

export default function OrganisationPage() {
  const { t } = useTranslation();
  const { org = '' } = useParams();
  const organisation = useQuery({
    queryKey: ['organisation', org],
    queryFn: () =>
      get<Organisation & { documents: DocumentSummary[] }>(`/organisations/${encodeURIComponent(org)}`),
  });
  return (
    <Async query={organisation}>
      {(data) => (
        <Stack>
          <Breadcrumbs>
            <Anchor component={Link} to="/organisation">
              {t('nav.organisations')}
            </Anchor>
            <Text>{data.organisationId}</Text>
          </Breadcrumbs>
          <Title order={1}>{data.name}</Title>
          <Text>
            {data.government ?? ''} {data.province ? `· ${data.province}` : ''}
          </Text>
          <Title order={2} size="h3">
            {t('org.documents')}
          </Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('org.title')}</Table.Th>
                <Table.Th>{t('org.kind')}</Table.Th>
                <Table.Th>{t('org.periodRange')}</Table.Th>
                <Table.Th>{t('org.legalBasis')}</Table.Th>
                <Table.Th>{t('common.when')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.documents.map((document) => (
                <Table.Tr key={document.documentId}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/organisation/${encodeURIComponent(org)}/document/${encodeURIComponent(document.documentId)}`}
                    >
                      {document.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{document.kind}</Table.Td>
                  <Table.Td>
                    {document.period ? `${document.period.start}–${document.period.end}` : '—'}
                  </Table.Td>
                  <Table.Td>{document.legalBasis ?? '—'}</Table.Td>
                  <Table.Td>{formatDate(document.registeredAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Async>
  );
}

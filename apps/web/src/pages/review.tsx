import { Alert, Button, FileInput, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api';
import { formatNumber } from '../format';
import type { Finding } from '../types';
import { ErrorMessage } from '../ui';

interface ReviewAnswer {
  ok: boolean;
  total?: number;
  findings?: Finding[];
  documents?: { name: string; title: string; kind: string }[];
  rejected?: { name: string; problems: { path?: string; id: string; en: string }[] }[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default function ReviewPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'id';
  const [file, setFile] = useState<File | null>(null);
  const review = useMutation({
    mutationFn: async (chosen: File) => {
      if (chosen.name.toLowerCase().endsWith('.xlsx'))
        return post<ReviewAnswer>('/reviews', new Blob([await chosen.arrayBuffer()], { type: XLSX }));
      return post<ReviewAnswer>('/reviews', JSON.parse(await chosen.text()) as unknown);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) review.mutate(file);
  };
  const answer = review.data;
  return (
    <Stack>
      <Title order={1}>{t('review.title')}</Title>
      <Text>{t('review.intro')}</Text>
      <form onSubmit={submit}>
        <Stack gap="xs" maw={480}>
          <FileInput
            label={t('review.file')}
            accept=".json,.xlsx"
            value={file}
            onChange={setFile}
            clearable
          />
          <Button type="submit" disabled={!file} loading={review.isPending}>
            {t('review.run')}
          </Button>
        </Stack>
      </form>
      <ErrorMessage error={review.error} />
      {answer && !answer.ok && (
        <Alert color="red" role="alert">
          {(answer.rejected ?? []).map((rejected) => (
            <List key={rejected.name}>
              {rejected.problems.map((problem, index) => (
                <List.Item key={index}>
                  {problem.path ? `${problem.path}: ` : ''}
                  {problem[language]}
                </List.Item>
              ))}
            </List>
          ))}
        </Alert>
      )}
      {answer?.ok && (
        <>
          <Text role="status">
            {answer.total
              ? `${t('evaluation.findings')}: ${formatNumber(answer.total, 0)}`
              : t('review.clean')}
          </Text>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evaluation.severity')}</Table.Th>
                <Table.Th>{t('evaluation.rule')}</Table.Th>
                <Table.Th>{t('evaluation.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(answer.findings ?? []).map((finding, index) => (
                <Table.Tr key={index}>
                  <Table.Td>
                    {t(`evaluation.severities.${finding.severity}`, { defaultValue: finding.severity })}
                  </Table.Td>
                  <Table.Td>{finding.ruleId}</Table.Td>
                  <Table.Td>{finding.message[language]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

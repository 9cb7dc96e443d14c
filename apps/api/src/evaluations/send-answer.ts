import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { FindingsAnswer } from '@sakip/application';

/** JSON as it is; a file as a download with its type and name. */
export function sendAnswer(answer: FindingsAnswer, res: Response): FindingsAnswer | StreamableFile {
  if (answer.kind === 'json') return answer;
  res.setHeader('Content-Type', answer.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${answer.filename}"`);
  return new StreamableFile(answer.body);
}

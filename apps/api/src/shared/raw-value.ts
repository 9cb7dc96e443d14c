import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { applyDecorators } from '@nestjs/common';

/**
 * A value as the document states it: a number or the text verbatim ("1.234,56", "BB", "-", "13,11,00").
 * Kept as given; interpretation happens when it is read.
 */
export function IsRawValue(
  description: string,
  options: ValidationOptions & { optional?: boolean } = {},
): PropertyDecorator {
  const { optional = false, ...validation } = options;
  return applyDecorators(
    ApiProperty({
      oneOf: [{ type: 'string', maxLength: 200 }, { type: 'number' }],
      description,
      example: '85,5',
      required: !optional,
    }),
    ValidateBy(
      {
        name: 'isRawValue',
        validator: {
          validate: (value: unknown) =>
            (typeof value === 'number' && Number.isFinite(value)) ||
            (typeof value === 'string' && value.length <= 200),
          defaultMessage: (args) =>
            `${args?.property ?? 'value'} must be a number or the text as written in the document (at most 200 characters)`,
        },
      },
      validation,
    ),
  );
}

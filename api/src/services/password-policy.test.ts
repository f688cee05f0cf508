import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.js';
import { assertStrongPassword, personalWords } from './password-policy.js';
import { generatePassword } from './passwords.js';

const ana = { email: 'ana.lima@example.com', name: 'Ana Lima' };

const refusal = (password: string) => {
  try {
    assertStrongPassword(password, ana);
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  return undefined;
};

describe('assertStrongPassword', () => {
  it.each([
    'password1234',
    'Password123!',
    'qwertyuiop123',
    '123456789012',
    'iloveyou2024!',
    'aaaaaaaaaaaaaaaa',
    'P@ssw0rdP@ssw0rd',
    'qazwsxedcrfvtgb',
  ])('refuses the common or patterned %j on newPassword', (password) => {
    expect(refusal(password)).toEqual([
      { field: 'newPassword', message: expect.stringMatching(/common/) },
    ]);
  });

  it.each([
    'ana.lima@example.com',
    'Ana.Lima2024',
    'analima!!!!!!',
    'AnaLima-AnaLima',
    'anaLIMA@example',
  ])("refuses %j, made of the user's own email or name", (password) => {
    expect(refusal(password)).toEqual([{ field: 'newPassword', message: expect.any(String) }]);
  });

  it('names the field it is given', () => {
    expect(() => assertStrongPassword('password1234', ana, 'password')).toThrow(ValidationError);
    try {
      assertStrongPassword('password1234', ana, 'password');
    } catch (error) {
      expect((error as ValidationError).errors[0]?.field).toBe('password');
    }
  });

  it.each([
    'correct horse battery staple',
    'violet-tram-oyster-42',
    'Lens & shutter, 1/8000 s at f/1.4',
  ])('accepts the unrelated words %j', (password) => {
    expect(refusal(password)).toBeUndefined();
  });

  it('accepts every generated one-time password', () => {
    for (let i = 0; i < 200; i++) expect(refusal(generatePassword())).toBeUndefined();
  });
});

describe('personalWords', () => {
  it('splits the email and the name into the words a guesser tries', () => {
    expect(personalWords(ana)).toEqual(
      expect.arrayContaining([
        'ana.lima@example.com',
        'ana.lima',
        'example.com',
        'ana',
        'lima',
        'Ana Lima',
      ]),
    );
  });
});

/**
 * Password rules shared by the server (registration, password change) and the
 * web (shown while typing). A password is refused when it is short, one of the
 * passwords people pick most (12345678, password, qwerty…), a run of one
 * character or of consecutive keys, made of one kind of character only, or
 * the same as the person's e-mail or phone.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** The most used passwords of 8 characters or more (lists of leaked passwords, Chinese and international). */
export const COMMON_PASSWORDS = new Set([
  '12345678', '123456789', '1234567890', '87654321', '11111111', '00000000', '88888888', '66666666', '12341234', '11223344',
  '123123123', '147258369', '1qaz2wsx', 'qwertyui', 'qwerty123', 'qwertyuiop', 'password', 'password1', 'password123', 'passw0rd',
  'p@ssw0rd', 'iloveyou', 'woaini1314', '5201314520', 'a1234567', 'a12345678', 'abc12345', 'abcd1234', 'aa123456', 'zxcvbnm1',
  'asdfghjk', 'asdf1234', 'admin123', 'admin1234', 'admin@123', 'root1234', 'welcome1', 'sunshine', 'princess', 'football',
  'baseball', 'superman', 'qq123456', 'q1w2e3r4', '1q2w3e4r', 'zaq12wsx', 'abcdefgh', 'letmein1', 'changeme', 'test1234',
  'demo1234', '123qweasd', 'qweasdzxc', '1qaz2wsx3edc', 'a123456789', 'woaini520', '123456abc', 'abc123456',
]);

export type PasswordProblem = 'short' | 'long' | 'common' | 'simple' | 'oneKind';

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv'];

/** What is wrong with a password by itself, or null when it may be used. */
export function passwordProblem(pw: string): PasswordProblem | null {
  if (pw.length < PASSWORD_MIN) return 'short';
  if (pw.length > PASSWORD_MAX) return 'long';
  const lower = pw.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'common';
  if (/^(.)\1+$/.test(pw) || /^(.{1,4})\1+$/.test(lower)) return 'simple';
  if (SEQUENCES.some((seq) => seq.includes(lower) || [...seq].reverse().join('').includes(lower))) return 'simple';
  const kinds = [/[a-zA-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(pw)).length;
  if (kinds < 2 && !/[^\x00-\x7f]/.test(pw)) return 'oneKind';
  return null;
}

/** True when the password is the login itself (e-mail, its name part, or the phone number). */
export function sameAsLogin(pw: string, logins: (string | undefined | null)[]): boolean {
  const p = pw.trim().toLowerCase();
  return logins.some((l) => {
    if (!l) return false;
    const v = l.trim().toLowerCase();
    return p === v || (v.includes('@') && p === v.split('@')[0]) || p === v.replace(/^\+?86/, '');
  });
}

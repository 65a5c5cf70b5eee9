import argon2 from "argon2";

/** argon2id with the OWASP minimum for interactive logins (19 MiB, 2 passes, 1 lane). */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** True when `password` matches the PHC string `hash`; false for a malformed hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A hash argon2 cannot read matches no password; the caller logs the failed attempt.
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A hash to verify against when the login name is unknown, so both cases take the same time. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("hoshin-dummy-password");
  return dummy;
}

/** Japanese problems with a new password, empty when acceptable. */
export function passwordProblems(password: string, loginName: string): string[] {
  const out: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    out.push(`パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`);
  }
  if ([...password].length > 200) out.push("パスワードは200文字以内にしてください。");
  if (password.toLowerCase() === loginName.toLowerCase()) out.push("パスワードにログイン名は使えません。");
  return out;
}

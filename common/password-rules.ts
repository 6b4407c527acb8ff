export const passwordRules = { minLength: 12, maxLength: 200 } as const;

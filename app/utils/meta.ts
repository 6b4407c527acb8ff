export const pageTitle = (title: string) => `${title} – Partnership Portal`;

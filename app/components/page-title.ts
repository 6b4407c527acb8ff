// Every page's <title>: its own words, then the portal's name.
export const pageTitle = (title: string) => `${title} – Partnership Portal`;

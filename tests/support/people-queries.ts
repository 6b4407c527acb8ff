// Questions the people tests ask of the server and its database: how many accounts, whose id, can they sign in.
import type { TestServer } from "./test-server";

/** `server` is read when a question is asked: the tests start it in `beforeAll`. */
export function peopleQueries(server: () => TestServer) {
  return {
    userCount: async () => (await server().db.sql<{ count: number }[]>`select count(*)::int as count from users`)[0].count,
    userId: async (email: string) =>
      Number((await server().db.sql<{ id: number }[]>`select id from users where lower(email) = lower(${email})`)[0].id),
    signInStatus: async (email: string, password: string) => (await server().post("/sign-in", { email, password })).status,
  };
}

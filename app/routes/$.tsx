// Any address no other route answers.
import { NotFoundPage } from "../components/error-pages";

export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return <NotFoundPage />;
}

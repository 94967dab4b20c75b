import { apiHandler } from "@/lib/api";

// The REST API (/api/v1/*): one handler from @switchboard/api behind every method.
export const dynamic = "force-dynamic";

const handle = (req: Request) => apiHandler()(req);

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };

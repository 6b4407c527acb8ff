// Moved: document kinds live in server/documents (the registry) and resource builders in server/access/resources.
export * from "../documents/registry";
export * from "../access/resources";

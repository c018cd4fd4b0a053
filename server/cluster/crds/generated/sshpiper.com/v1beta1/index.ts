export * from "./Pipe";

// STUB: copies examples/demo to a fresh folder under the state dir and returns its path.
export async function createDemoWorkspace(): Promise<string> {
  throw new Error('demo workspace not built yet');
}

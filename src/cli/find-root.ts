// STUB: walk up to the folder that holds .orchestration/.
export async function findRepoRoot(cwd: string, explicit?: string): Promise<string> {
  return explicit ?? cwd;
}

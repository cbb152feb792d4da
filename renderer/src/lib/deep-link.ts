/**
 * Where the console opens: `?section=jobs&job=NAME` or `?section=clusters&new`. Lets an operator
 * bookmark a job's page, and lets screenshots and end-to-end tests start on the screen they check.
 */
export interface DeepLink {
  section: string | undefined;
  job: string | undefined;
  openForm: boolean;
}

export function readDeepLink(search: string): DeepLink {
  const params = new URLSearchParams(search);
  return {
    section: params.get('section') ?? undefined,
    job: params.get('job') ?? undefined,
    openForm: params.has('new'),
  };
}

import type { JobSpec, SluiceApi } from '../../../main/ipc/contract';
import { errorMessage } from '../lib/field-errors';
import type { OpenedFile } from '../lib/save-file';

/**
 * Saves a job spec file the user picked (File → Import job…). Refused as a whole when invalid, with
 * every problem named by field path and the file named, so nothing is half-imported.
 */
export async function importJobFile(api: SluiceApi, file: OpenedFile): Promise<JobSpec> {
  let spec: unknown;
  try {
    spec = JSON.parse(file.text);
  } catch (error) {
    throw new Error(`${file.name} is not JSON: ${errorMessage(error)}`);
  }
  try {
    return await api.invoke('jobs:save', { spec: spec as JobSpec });
  } catch (error) {
    const problems = (error as { problems?: { path: string; message: string }[] }).problems ?? [];
    throw new Error(
      problems.length > 0
        ? `${file.name} is not a valid job: ${problems.map((p) => `${p.path.replace(/^spec\./, '')}: ${p.message}`).join('; ')}`
        : `${file.name}: ${errorMessage(error)}`,
    );
  }
}

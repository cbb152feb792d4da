// A child process for the lag history's SIGKILL test: appends synthetic cycles from index
// `first` on, forever, printing `appended <index>` after each append resolved (so the parent
// knows which cycles were acknowledged when it kills this process).
// Usage: node --import tsx test/bench/lag-history-writer.ts <dir> <first index>
import { openLagHistory } from '../../engine/lag/lag-history.js';
import { syntheticCycles } from './lag-cycles.js';
import { KILL_TEST_CYCLES } from './lag-history-kill.js';

const [dir, firstText] = process.argv.slice(2);
const first = Number(firstText);
const history = await openLagHistory(dir!);
for (const repair of history.repairs) process.stdout.write(`repaired ${repair}\n`);
let index = 0;
for (const cycle of syntheticCycles(KILL_TEST_CYCLES)) {
  if (index >= first) {
    await history.append(cycle);
    process.stdout.write(`appended ${index}\n`);
  }
  index++;
}

// The port a test server listens on: 0 (the system picks a free one) unless JICENG_TEST_PORTS=LOW-HIGH names a range
// to keep to (engineers sharing a machine each have one); then each server of the run takes the next port of it,
// starting from a place the process id picks, so that test files run one after another do not reuse one at once.
let next = 0;

export function testPort() {
  const range = /^(\d+)-(\d+)$/.exec(process.env.JICENG_TEST_PORTS || '');
  if (!range) return 0;
  const low = Number(range[1]);
  const span = Number(range[2]) - low + 1;
  if (!(span > 0)) throw new Error(`JICENG_TEST_PORTS=${process.env.JICENG_TEST_PORTS}: LOW-HIGH with LOW <= HIGH`);
  return low + ((process.pid * 7 + next++) % span);
}

// Times @cloud-copilot/iam-simulate on the committed corpus, one thread, after a warm-up pass.
//   IAMSIM_DIR=/work/tools/iamsim node time-oracle.mjs [rounds]
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import path from 'node:path'

const dir = process.env.IAMSIM_DIR ?? '/work/tools/iamsim'
const sim = await import(
  pathToFileURL(path.join(dir, 'node_modules/@cloud-copilot/iam-simulate/dist/esm/index.js')).href
)
const corpus = JSON.parse(
  readFileSync(new URL('../resources/ferry/policy/oracle-corpus.json', import.meta.url), 'utf8')
)
const simulations = corpus.cases.map((c) => ({
  request: {
    principal: c.principal.arn,
    action: c.action,
    resource: { resource: c.resource, accountId: c.resourceAccount },
    contextVariables: c.context
  },
  identityPolicies: c.identityPolicies,
  serviceControlPolicies: [],
  resourceControlPolicies: [],
  resourcePolicy: c.resourcePolicy,
  permissionBoundaryPolicies: c.permissionBoundary
    ? [{ name: 'boundary', policy: c.permissionBoundary }]
    : undefined,
  sessionPolicy: c.sessionPolicy
}))
const rounds = Number(process.argv[2] ?? 3)
for (const s of simulations) await sim.runSimulation(s, {})
// Wall-clock rate, and the rate per second of CPU time (user + system of this process), which
// stays meaningful when other processes share the cores.
let best = 0
let bestCpu = 0
for (let r = 0; r < rounds; r++) {
  const start = process.hrtime.bigint()
  const cpu = process.cpuUsage()
  for (const s of simulations) await sim.runSimulation(s, {})
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const used = process.cpuUsage(cpu)
  const cpuSeconds = (used.user + used.system) / 1e6
  const rate = simulations.length / seconds
  const cpuRate = simulations.length / cpuSeconds
  best = Math.max(best, rate)
  bestCpu = Math.max(bestCpu, cpuRate)
  console.log(
    `round ${r + 1}: ${simulations.length} decisions in ${seconds.toFixed(3)} s = ${rate.toFixed(0)} decisions/s, ${cpuRate.toFixed(0)} per CPU second`
  )
}
console.log(
  `oracle best: ${best.toFixed(0)} decisions/s, ${bestCpu.toFixed(0)} per CPU second (${corpus.oracle}, node ${process.version})`
)

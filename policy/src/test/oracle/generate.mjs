// Generates the differential corpus for Ferry's policy engine and records the decisions of an
// independent implementation, @cloud-copilot/iam-simulate, installed OUTSIDE this repository
// (it is AGPL: a test-time oracle only, never bundled or linked). See README.md.
//
//   IAMSIM_DIR=/work/tools/iamsim node generate.mjs [count] [out.json] [accountless] [conditions]
import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import path from 'node:path'

const dir = process.env.IAMSIM_DIR ?? '/work/tools/iamsim'
const sim = await import(
  pathToFileURL(path.join(dir, 'node_modules/@cloud-copilot/iam-simulate/dist/esm/index.js')).href
)
const simPkg = JSON.parse(
  (await import('node:fs')).readFileSync(
    path.join(dir, 'node_modules/@cloud-copilot/iam-simulate/package.json'),
    'utf8'
  )
)
// Regular cases (users and role sessions), then cases for callers without an account.
const COUNT = Number(process.argv[2] ?? 2500)
const OUT =
  process.argv[3] ??
  new URL('../resources/ferry/policy/oracle-corpus.json', import.meta.url).pathname

// A small deterministic PRNG (mulberry32) so the corpus is reproducible.
let seed = 20261128
function rnd() {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = (a) => a[Math.floor(rnd() * a.length)]
const chance = (p) => rnd() < p
const some = (a, max) => {
  const n = 1 + Math.floor(rnd() * max)
  const out = []
  for (let i = 0; i < n; i++) {
    const v = pick(a)
    if (!out.includes(v)) out.push(v)
  }
  return out
}
const one = (a) => (a.length === 1 && chance(0.5) ? a[0] : a)

const A = '111111111111'
const B = '222222222222'
const PRINCIPALS = [
  { kind: 'user', account: A, arn: `arn:aws:iam::${A}:user/alice`, name: 'alice', id: 'AIDAALICE000000000001' },
  { kind: 'user', account: A, arn: `arn:aws:iam::${A}:user/eng/bob`, name: 'bob', path: '/eng/', id: 'AIDABOB00000000000002' },
  { kind: 'user', account: B, arn: `arn:aws:iam::${B}:user/carol`, name: 'carol', id: 'AIDACAROL000000000003' },
  { kind: 'session', account: A, arn: `arn:aws:sts::${A}:assumed-role/builder/s1`, role: 'builder', rolePath: '/', session: 's1', id: 'AROABUILDER0000000001' },
  { kind: 'session', account: B, arn: `arn:aws:sts::${B}:assumed-role/deployer/s2`, role: 'deployer', rolePath: '/service-role/', session: 's2', id: 'AROADEPLOYER000000002' },
  { kind: 'session', account: B, arn: `arn:aws:sts::${B}:assumed-role/builder/s3`, role: 'builder', rolePath: '/', session: 's3', id: 'AROABUILDERB000000003' }
]
const roleArn = (p) => `arn:aws:iam::${p.account}:role${p.rolePath}${p.role}`

function principalValues(p, account) {
  const values = [
    account,
    `arn:aws:iam::${account}:root`,
    `arn:aws:iam::${A}:user/alice`,
    `arn:aws:iam::${A}:user/eng/bob`,
    `arn:aws:iam::${B}:user/carol`,
    `arn:aws:iam::${A}:role/builder`,
    `arn:aws:iam::${B}:role/service-role/deployer`,
    `arn:aws:sts::${A}:assumed-role/builder/s1`,
    `arn:aws:sts::${B}:assumed-role/deployer/s2`,
    A,
    B
  ]
  // Bias towards naming the caller, so that matches are frequent.
  const own = [p.account, `arn:aws:iam::${p.account}:root`, p.arn]
  if (p.kind === 'session') own.push(roleArn(p))
  return chance(0.6) ? some(own, 2) : some(values, 3)
}

const SCENARIOS = {
  s3: {
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectTagging'],
    bucketActions: ['s3:ListBucket'],
    resource(account) {
      const bucket = account === A ? 'bucket-a' : 'bucket-b'
      return { bucket, object: `arn:aws:s3:::${bucket}/${pick(['alice', 'bob', 'carol', 'shared'])}/${pick(['a.txt', 'b.zip', 'c/d.json'])}` }
    },
    actionPatterns: (action) => [action, action.toUpperCase().replace('S3:', 's3:'), 's3:Get*', 's3:*Object', 's3:?etObject', 's3:*', '*', 's3:Put*', 's3:List*', 'S3:getobject'],
    resourcePatterns: (res, bucket) => [
      res,
      `arn:aws:s3:::${bucket}/*`,
      `arn:aws:s3:::${bucket}`,
      `arn:aws:s3:::bucket-?/*`,
      `arn:aws:s3:::*`,
      '*',
      `arn:aws:s3:::${bucket}/\${aws:username}/*`,
      `arn:aws:s3:::${bucket}/\${aws:PrincipalTag/team, 'shared'}/*`,
      `arn:aws:s3:::${bucket}/*/a.txt`,
      `arn:aws:s3:::${bucket}/ALICE/*`,
      `arn:aws:s3:::bucket-a/*`,
      `arn:aws:s3:::bucket-b/*`
    ]
  },
  kms: {
    actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
    actionPatterns: (action) => [action, 'kms:*', 'kms:GenerateDataKey*', 'kms:De*', 'kms:Encrypt', 'kms:ReEncrypt*', '*', 'KMS:decrypt'],
    resourcePatterns: (res) => [res, '*', 'arn:aws:kms:*:*:key/*', `arn:aws:kms:us-east-1:${A}:key/*`, `arn:aws:kms:us-east-1:${B}:key/*`, 'arn:aws:kms:us-west-2:*:key/*']
  },
  sts: {
    actions: ['sts:AssumeRole'],
    actionPatterns: (action) => [action, 'sts:*', 'sts:Assume*', '*', 'sts:TagSession']
  }
}

function condition(p) {
  const c = pick([
    () => ({ StringEquals: { 'aws:PrincipalTag/team': one(some(['dev', 'ops', 'Dev'], 2)) } }),
    () => ({ StringNotEquals: { 'aws:PrincipalTag/team': one(some(['dev', 'ops'], 2)) } }),
    () => ({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'DEV' } }),
    () => ({ StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'OPS' } }),
    () => ({ StringLike: { 'aws:PrincipalTag/team': one(some(['d*', '?ps', '*'], 2)) } }),
    () => ({ StringNotLike: { 'aws:PrincipalTag/team': 'o*' } }),
    () => ({ StringEqualsIfExists: { 'aws:PrincipalTag/team': 'dev' } }),
    () => ({ StringEquals: { 'aws:PrincipalAccount': pick([A, B]) } }),
    () => ({ StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } }),
    () => ({ StringLike: { 'aws:PrincipalArn': `arn:aws:*:*:${pick([A, B])}:*` } }),
    () => ({ StringEquals: { 'aws:username': '${aws:username}' } }),
    () => ({ IpAddress: { 'aws:SourceIp': one(some(['10.0.0.0/8', '192.168.1.0/24', '203.0.113.7', '2001:db8::/32'], 2)) } }),
    () => ({ NotIpAddress: { 'aws:SourceIp': one(some(['10.0.0.0/8', '2001:db8::/32'], 2)) } }),
    () => ({ Bool: { 'aws:SecureTransport': pick(['true', 'false']) } }),
    () => ({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }),
    () => ({ NumericLessThan: { 'aws:MultiFactorAuthAge': pick(['3600', '60']) } }),
    () => ({ NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '300' } }),
    () => ({ NumericNotEquals: { 'aws:MultiFactorAuthAge': one(some(['100', '7200'], 2)) } }),
    () => ({ NumericLessThanEqualsIfExists: { 'aws:MultiFactorAuthAge': '1000' } }),
    () => ({ DateGreaterThan: { 'aws:CurrentTime': pick(['2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z']) } }),
    () => ({ DateLessThan: { 'aws:CurrentTime': pick(['2027-06-30T00:00:00Z', '2025-01-01']) } }),
    () => ({ DateNotEquals: { 'aws:CurrentTime': '2026-11-28T12:00:00Z' } }),
    () => ({ ArnLike: { 'aws:PrincipalArn': one(some([`arn:aws:iam::${A}:role/*`, `arn:aws:iam::*:user/*`, `arn:aws:iam::${B}:role/service-role/*`], 2)) } }),
    () => ({ ArnEquals: { 'aws:PrincipalArn': p.kind === 'session' ? roleArn(p) : p.arn } }),
    () => ({ ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:*` } }),
    () => ({ ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${B}:role/service-role/deployer` } }),
    () => ({ Null: { 'aws:PrincipalTag/team': pick(['true', 'false']) } }),
    () => ({ Null: { 'aws:MultiFactorAuthAge': pick(['true', 'false']) } }),
    () => ({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': one(some(['env', 'team', 'cost'], 2)) } }),
    () => ({ 'ForAllValues:StringLike': { 'aws:TagKeys': one(some(['env*', 'team', 'c?st'], 2)) } }),
    () => ({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'secret' } }),
    () => ({ 'ForAnyValue:StringNotLike': { 'aws:TagKeys': 'env*' } })
  ])()
  if (chance(0.2)) Object.assign(c, pick([() => ({ Bool: { 'aws:SecureTransport': 'true' } }), () => ({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })])())
  return c
}

let sidCounter = 0
function statement(scn, p, action, res, bucket, opts) {
  const s = {}
  if (chance(0.3)) s.Sid = `S${++sidCounter}`
  s.Effect = chance(opts.denyRate ?? 0.2) ? 'Deny' : 'Allow'
  if (opts.principal) {
    if (s.Effect === 'Deny' && !opts.noNotPrincipal && chance(0.15)) {
      s.NotPrincipal = { AWS: principalValues(p, opts.resourceAccount) }
    } else if (chance(0.1)) {
      s.Principal = '*'
    } else if (chance(0.05)) {
      s.Principal = { AWS: '*' }
    } else {
      s.Principal = { AWS: one(principalValues(p, opts.resourceAccount)) }
    }
  }
  const actions = chance(0.5) ? [action] : some(SCENARIOS[scn].actionPatterns(action), 2)
  if (chance(0.12)) s.NotAction = one(some(SCENARIOS[scn].actionPatterns(action).filter((a) => a !== '*'), 2))
  else s.Action = one(chance(0.5) ? actions : [action])
  if (opts.resource !== false) {
    const patterns = scn === 's3' ? SCENARIOS.s3.resourcePatterns(res, bucket) : SCENARIOS.kms.resourcePatterns(res)
    const chosen = chance(0.4) ? [res] : some(patterns, 2)
    if (chance(0.1)) s.NotResource = one(chosen.filter((r) => r !== '*').length ? chosen.filter((r) => r !== '*') : [res])
    else s.Resource = one(chosen)
  }
  if (chance(0.45)) s.Condition = condition(p)
  return s
}

function policy(statements) {
  return { Version: chance(0.92) ? '2012-10-17' : '2008-10-17', Statement: statements.length === 1 && chance(0.3) ? statements[0] : statements }
}

function context(p, resourceAccount) {
  const c = {
    'aws:PrincipalArn': p.kind === 'session' ? roleArn(p) : p.arn,
    'aws:PrincipalAccount': p.account,
    'aws:PrincipalType': p.kind === 'session' ? 'AssumedRole' : 'User',
    'aws:userid': p.kind === 'session' ? `${p.id}:${p.session}` : p.id,
    'aws:ResourceAccount': resourceAccount,
    'aws:CurrentTime': pick(['2026-11-28T12:00:00Z', '2019-05-01T00:00:00Z', '2031-01-01T00:00:00Z']),
    'aws:SecureTransport': pick(['true', 'false'])
  }
  if (p.kind === 'user') c['aws:username'] = p.name
  if (chance(0.7)) c['aws:PrincipalTag/team'] = pick(['dev', 'ops', 'Dev', 'qa'])
  if (chance(0.85)) c['aws:SourceIp'] = pick(['10.1.2.3', '192.168.1.77', '203.0.113.7', '198.51.100.1', '2001:db8::1', '2001:db9::1'])
  if (chance(0.5)) c['aws:MultiFactorAuthAge'] = pick(['30', '100', '500', '7200'])
  if (chance(0.3)) c['aws:MultiFactorAuthPresent'] = pick(['true', 'false'])
  if (chance(0.5)) c['aws:TagKeys'] = some(['env', 'team', 'cost', 'secret', 'envx'], 3)
  return c
}

function makeCase(i) {
  const scn = pick(['s3', 's3', 's3', 'kms', 'sts'])
  const p = pick(PRINCIPALS)
  const resourceAccount = chance(0.5) ? p.account : p.account === A ? B : A
  let action
  let resource
  let bucket
  if (scn === 's3') {
    const r = SCENARIOS.s3.resource(resourceAccount)
    bucket = r.bucket
    if (chance(0.15)) {
      action = 's3:ListBucket'
      resource = `arn:aws:s3:::${bucket}`
    } else {
      action = pick(SCENARIOS.s3.actions)
      resource = r.object
    }
  } else if (scn === 'kms') {
    action = pick(SCENARIOS.kms.actions)
    resource = `arn:aws:kms:us-east-1:${resourceAccount}:key/${resourceAccount === A ? '1234abcd-12ab-34cd-56ef-1234567890ab' : 'mrk-00aa11bb22cc'}`
  } else {
    action = 'sts:AssumeRole'
    resource = `arn:aws:iam::${resourceAccount}:role/${pick(['target', 'service-role/target'])}`
  }
  const identityPolicies = []
  const nIdentity = Math.floor(rnd() * 3)
  for (let k = 0; k < nIdentity; k++) {
    const n = 1 + Math.floor(rnd() * 2)
    const sts = []
    for (let j = 0; j < n; j++) sts.push(statement(scn === 'sts' ? 'kms' : scn, p, action, resource, bucket, {}))
    if (scn === 'sts') sts.forEach((s) => fixStsResource(s, resource))
    identityPolicies.push({ name: `identity-${k}`, policy: policy(sts) })
  }
  let resourcePolicy
  let resourceKind = null
  if (scn === 'kms' || scn === 'sts' || chance(0.7)) {
    resourceKind = scn === 's3' ? 'bucket' : scn === 'kms' ? 'key' : 'trust'
    const n = 1 + Math.floor(rnd() * 3)
    const sts = []
    for (let j = 0; j < n; j++) {
      const s = statement(scn === 'sts' ? 'kms' : scn, p, action, resource, bucket, {
        principal: true,
        resourceAccount,
        resource: scn !== 'sts',
        noNotPrincipal: scn === 'sts',
        denyRate: 0.15
      })
      if (scn === 'sts') {
        fixStsAction(s)
        if (s.NotResource) delete s.NotResource
      }
      if (scn === 'kms' && s.Resource === undefined && s.NotResource === undefined) s.Resource = '*'
      sts.push(s)
    }
    resourcePolicy = policy(sts)
  }
  let permissionBoundary
  if (chance(0.1)) {
    permissionBoundary = policy([statement(scn === 'sts' ? 'kms' : scn, p, action, resource, bucket, { denyRate: 0.1 })])
    if (scn === 'sts') fixStsResource(permissionBoundary.Statement[0] ?? permissionBoundary.Statement, resource)
    permissionBoundary.Version = '2012-10-17'
  }
  let sessionPolicy
  if (p.kind === 'session' && chance(0.12)) {
    sessionPolicy = policy([statement(scn === 'sts' ? 'kms' : scn, p, action, resource, bucket, { denyRate: 0.1 })])
    if (scn === 'sts') fixStsResource(sessionPolicy.Statement[0] ?? sessionPolicy.Statement, resource)
  }
  return {
    id: `c${String(i).padStart(4, '0')}`,
    principal: { kind: p.kind, arn: p.arn, account: p.account, name: p.name ?? p.role, path: p.path ?? p.rolePath ?? '/', id: p.id, session: p.session },
    action,
    resource,
    resourceAccount,
    context: context(p, resourceAccount),
    identityPolicies,
    permissionBoundary,
    sessionPolicy,
    resourceKind,
    resourcePolicy
  }
}

// STS statements: actions on sts, resources are role ARNs.
function fixStsAction(s) {
  for (const k of ['Action', 'NotAction']) {
    if (s[k] !== undefined) {
      const v = [].concat(s[k]).map((a) => (a.startsWith('kms:') || a.startsWith('KMS:') ? pick(['sts:AssumeRole', 'sts:*', 'sts:Assume*', 'sts:TagSession']) : a))
      s[k] = v.length === 1 ? v[0] : [...new Set(v)]
    }
  }
}
function fixStsResource(s, resource) {
  fixStsAction(s)
  for (const k of ['Resource', 'NotResource']) {
    if (s[k] !== undefined) {
      const v = [].concat(s[k]).map((r) => (r.startsWith('arn:aws:kms') ? pick([resource, 'arn:aws:iam::*:role/*', `arn:aws:iam::${A}:role/*`, 'arn:aws:iam::222222222222:role/service-role/*']) : r))
      s[k] = v.length === 1 ? v[0] : [...new Set(v)]
    }
  }
}

// Callers without an account: AWS service principals and anonymous requests. They come after the
// regular cases, from the same PRNG, so adding them left the regular cases unchanged.
const SERVICES = ['codepipeline.amazonaws.com', 'events.amazonaws.com']
function makeAccountlessCase(i) {
  const anonymous = chance(0.3)
  const service = pick(SERVICES)
  const scn = anonymous ? pick(['s3', 's3', 'kms']) : pick(['sts', 'sts', 's3', 'kms'])
  const resourceAccount = pick([A, B])
  let action
  let resource
  if (scn === 's3') {
    action = pick(['s3:GetObject', 's3:PutObject'])
    resource = `arn:aws:s3:::${resourceAccount === A ? 'bucket-a' : 'bucket-b'}/shared/a.txt`
  } else if (scn === 'kms') {
    action = pick(['kms:Decrypt', 'kms:GenerateDataKey'])
    resource = `arn:aws:kms:us-east-1:${resourceAccount}:key/k-${resourceAccount}`
  } else {
    action = 'sts:AssumeRole'
    resource = `arn:aws:iam::${resourceAccount}:role/service-role/target`
  }
  const statements = []
  const n = 1 + Math.floor(rnd() * 3)
  for (let j = 0; j < n; j++) {
    const s = { Effect: chance(0.2) ? 'Deny' : 'Allow' }
    s.Principal = pick([
      () => ({ Service: one(some(SERVICES, 2)) }),
      () => '*',
      () => ({ AWS: '*' }),
      () => ({ AWS: resourceAccount }),
      () => ({ Service: service })
    ])()
    s.Action = pick([action, '*', `${action.split(':')[0]}:*`, scn === 's3' ? 's3:Get*' : 'kms:De*'].filter((a) => !(scn === 'sts' && a.startsWith('kms'))))
    if (scn !== 'sts') s.Resource = pick(['*', resource, scn === 's3' ? 'arn:aws:s3:::bucket-?/*' : `arn:aws:kms:*:${resourceAccount}:key/*`])
    if (chance(0.4)) {
      s.Condition = pick([
        () => ({ Bool: { 'aws:SecureTransport': pick(['true', 'false']) } }),
        () => ({ StringEquals: { 'aws:SourceAccount': pick([A, B]) } }),
        () => ({ ArnLike: { 'aws:SourceArn': `arn:aws:codepipeline:us-east-1:${pick([A, B])}:*` } }),
        () => ({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }),
        () => ({ StringEqualsIfExists: { 'aws:SourceAccount': resourceAccount } })
      ])()
    }
    statements.push(s)
  }
  const context = {
    'aws:SecureTransport': pick(['true', 'false']),
    'aws:CurrentTime': '2026-11-28T12:00:00Z'
  }
  if (anonymous || chance(0.5)) context['aws:SourceIp'] = pick(['10.1.2.3', '198.51.100.1'])
  if (!anonymous && chance(0.7)) {
    context['aws:SourceAccount'] = pick([A, B])
    context['aws:SourceArn'] = `arn:aws:codepipeline:us-east-1:${context['aws:SourceAccount']}:crossaccountdeploy`
  }
  return {
    id: `n${String(i).padStart(4, '0')}`,
    principal: anonymous ? { kind: 'anonymous' } : { kind: 'service', arn: service },
    action,
    resource,
    resourceAccount,
    context,
    identityPolicies: [],
    resourceKind: scn === 's3' ? 'bucket' : scn === 'kms' ? 'key' : 'trust',
    resourcePolicy: { Version: '2012-10-17', Statement: statements }
  }
}
const ACCOUNTLESS = Number(process.argv[4] ?? 300)

// Condition-focused cases: one user, one identity policy whose single Allow (or Allow + Deny)
// statement carries one to three conditions over random request values, to pin down each
// operator's semantics (missing keys, IfExists, set operators, negation, types).
// Not generated, because the oracle is known to get them wrong (Ferry's behaviour is pinned by
// ConditionTest): the CIDR block 0.0.0.0/0 (a JavaScript shift by 32 makes it match one address
// only) and dates given as epoch seconds (compared with milliseconds).
const CONDITION_KEYS = {
  string: ['aws:PrincipalTag/team', 'aws:RequestTag/env', 'aws:userid'],
  numeric: ['aws:MultiFactorAuthAge'],
  date: ['aws:CurrentTime', 'aws:TokenIssueTime'],
  bool: ['aws:SecureTransport', 'aws:MultiFactorAuthPresent', 'aws:ViaAWSService'],
  ip: ['aws:SourceIp'],
  arn: ['aws:SourceArn', 'aws:PrincipalArn'],
  multi: ['aws:TagKeys']
}
const VALUES = {
  string: ['dev', 'Dev', 'ops', 'd*', '?ev', 'DEV', 'qa', '*'],
  numeric: ['0', '60', '100.5', '3600', '-1', 'abc'],
  date: ['2026-11-28T12:00:00Z', '2020-01-01', '2030-06-01T00:00:00Z', '2026-11-28T13:00:00+01:00'],
  bool: ['true', 'false'],
  ip: ['10.0.0.0/8', '10.1.2.3/32', '192.168.0.0/16', '2001:db8::/32', '2001:db8:0:0:0:0:0:1/128', '128.0.0.0/1'],
  arn: ['arn:aws:iam::111111111111:role/*', 'arn:aws:codepipeline:us-east-1:*:crossaccountdeploy', 'arn:aws:*:*:111111111111:*', 'arn:aws:iam::222222222222:user/carol'],
  multi: ['env', 'team', 'env*', 'c?st', 'secret']
}
const REQUEST_VALUES = {
  string: ['dev', 'Dev', 'ops', 'qa'],
  numeric: ['30', '60', '100.5', '7200'],
  date: ['2026-11-28T12:00:00Z', '2019-01-01T00:00:00Z', '2031-01-01T00:00:00Z'],
  bool: ['true', 'false'],
  ip: ['10.1.2.3', '192.168.7.7', '8.8.8.8', '2001:db8::1', '2001:db9::1'],
  arn: ['arn:aws:iam::111111111111:role/builder', 'arn:aws:codepipeline:us-east-1:222222222222:crossaccountdeploy', 'arn:aws:iam::222222222222:user/carol'],
  multi: null
}
const OPERATORS = {
  string: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
  numeric: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
  date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  bool: ['Bool'],
  ip: ['IpAddress', 'NotIpAddress'],
  arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
  multi: ['ForAnyValue:StringEquals', 'ForAllValues:StringEquals', 'ForAnyValue:StringLike', 'ForAllValues:StringLike', 'ForAnyValue:StringNotEquals', 'ForAllValues:StringNotEquals', 'ForAnyValue:StringNotLike', 'ForAllValues:StringNotLike', 'ForAllValues:StringEqualsIfExists']
}
function makeConditionCase(i) {
  const p = PRINCIPALS[0]
  const resource = 'arn:aws:s3:::bucket-a/alice/a.txt'
  const context = {
    'aws:PrincipalArn': p.arn,
    'aws:PrincipalAccount': p.account,
    'aws:PrincipalType': 'User',
    'aws:userid': p.id,
    'aws:username': p.name,
    'aws:ResourceAccount': A
  }
  const condition = {}
  const n = 1 + Math.floor(rnd() * 3)
  for (let k = 0; k < n; k++) {
    const family = pick(Object.keys(OPERATORS))
    let operator = pick(OPERATORS[family])
    if (family !== 'multi' && chance(0.2)) operator += 'IfExists'
    const key = pick(CONDITION_KEYS[family])
    if (key === 'aws:userid') continue
    const values = some(VALUES[family], 2)
    condition[operator] = condition[operator] ?? {}
    condition[operator][key] = one(values)
    if (chance(0.75)) {
      if (family === 'multi') context[key] = chance(0.15) ? [] : some(VALUES.multi.filter((v) => !/[*?]/.test(v)).concat(['cost']), 3)
      else context[key] = pick(REQUEST_VALUES[family])
    }
  }
  const statements = [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-a/*', Condition: condition }]
  if (chance(0.25)) statements.push({ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { [pick(['StringEquals', 'StringNotEquals'])]: { 'aws:PrincipalTag/team': 'ops' } } })
  return {
    id: `k${String(i).padStart(4, '0')}`,
    principal: { kind: p.kind, arn: p.arn, account: p.account, name: p.name, path: '/', id: p.id },
    action: 's3:GetObject',
    resource,
    resourceAccount: A,
    context,
    identityPolicies: [{ name: 'conditions', policy: { Version: '2012-10-17', Statement: statements } }],
    resourceKind: null
  }
}
const CONDITIONS = Number(process.argv[5] ?? 700)

const cases = []
let errors = 0
const started = Date.now()
for (let i = 0; cases.length < COUNT + ACCOUNTLESS + CONDITIONS; i++) {
  const c =
    cases.length < COUNT
      ? makeCase(i)
      : cases.length < COUNT + ACCOUNTLESS
        ? makeAccountlessCase(i)
        : makeConditionCase(i)
  const simulation = {
    request: {
      principal: c.principal.kind === 'anonymous' ? sim.anonymousPrincipal : c.principal.arn,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: c.context
    },
    identityPolicies: c.identityPolicies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: c.resourcePolicy,
    permissionBoundaryPolicies: c.permissionBoundary ? [{ name: 'boundary', policy: c.permissionBoundary }] : undefined,
    sessionPolicy: c.sessionPolicy
  }
  const result = await sim.runSimulation(simulation, {})
  if (result.resultType !== 'single') {
    errors++
    if (errors <= 5) console.error('oracle rejected a case:', JSON.stringify(result.errors ?? result).slice(0, 300))
    continue
  }
  c.expected = result.overallResult
  cases.push(c)
}
const elapsed = Date.now() - started
const counts = {}
for (const c of cases) counts[c.expected] = (counts[c.expected] ?? 0) + 1
writeFileSync(
  OUT,
  JSON.stringify(
    {
      note: 'Generated by policy/src/test/oracle/generate.mjs; decisions by the independent oracle named below. Do not edit by hand.',
      oracle: `${simPkg.name}@${simPkg.version}`,
      seed: 20261128,
      counts,
      cases
    },
    null,
    0
  ).replace(/\{"id":/g, '\n{"id":') + '\n'
)
console.error(`${cases.length} cases (${errors} rejected by the oracle) in ${elapsed} ms: ${JSON.stringify(counts)}`)

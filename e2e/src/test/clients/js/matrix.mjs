// The AWS SDK for JavaScript v3 against a real Ferry, with the client's defaults (flexible
// checksums on both ways).
//
// Run by ClientMatrixIT. Every step runs even when an earlier one failed, so one run names every
// failing step; the exit status is 1 if any failed. Input comes from the environment:
// FERRY_ENDPOINT (Ferry's TLS endpoint, trusted through NODE_EXTRA_CA_CERTS), FERRY_PREFIX (names
// of buckets, users and roles), and for each of dev and prod FERRY_<ACCOUNT>_ID,
// FERRY_<ACCOUNT>_ACCESS_KEY_ID and FERRY_<ACCOUNT>_SECRET_ACCESS_KEY.

import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from "@aws-sdk/client-kms";
import { CodePipelineClient, ListPipelinesCommand } from "@aws-sdk/client-codepipeline";

const MIB = 1024 * 1024;
const endpoint = process.env.FERRY_ENDPOINT;
const prefix = process.env.FERRY_PREFIX;
const bucket = `${prefix}-bucket`;

function account(name) {
  const upper = name.toUpperCase();
  return {
    id: process.env[`FERRY_${upper}_ID`],
    credentials: {
      accessKeyId: process.env[`FERRY_${upper}_ACCESS_KEY_ID`],
      secretAccessKey: process.env[`FERRY_${upper}_SECRET_ACCESS_KEY`],
    },
  };
}

const dev = account("dev");
const prod = account("prod");

function client(Client, credentials, extra = {}) {
  return new Client({ endpoint, region: "us-east-1", credentials, ...extra });
}

// Path-style, as with any endpoint that is not AWS's: localhost has no bucket subdomains.
const s3 = client(S3Client, dev.credentials, { forcePathStyle: true });

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

const failed = [];

async function step(name, action) {
  try {
    await action();
    console.log(`ok     ${name}`);
  } catch (e) {
    failed.push(name);
    console.log(`FAILED ${name}: ${e.name}: ${e.message}`);
    console.log(e.stack);
  }
}

async function roundTrip() {
  const body = `hello from the JS SDK ${randomBytes(16).toString("hex")}`;
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "round-trip.txt", Body: body }));
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "round-trip.txt" }));
  const text = await got.Body.transformToString();
  check(text === body, `GetObject answered ${JSON.stringify(text)}, not ${JSON.stringify(body)}`);
}

async function multipartUpload() {
  const body = randomBytes(10 * MIB);
  await new Upload({
    client: s3,
    params: { Bucket: bucket, Key: "multipart.bin", Body: body },
    partSize: 5 * MIB,
  }).done();
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "multipart.bin" }));
  check(head.ETag.endsWith('-2"'), `ETag ${head.ETag} is not a 2-part upload's`);
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "multipart.bin" }));
  const bytes = await got.Body.transformToByteArray();
  check(sha256(bytes) === sha256(body), "the downloaded multipart object differs");
}

async function rangedDownload() {
  // One PutObject, so the object has a full-object CRC that a ranged GET must not carry.
  const body = randomBytes(10 * MIB);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "large.bin", Body: body }));
  const pieces = [];
  for (let start = 0; start < body.length; start += 5 * MIB) {
    const range = `bytes=${start}-${Math.min(start + 5 * MIB, body.length) - 1}`;
    const got = await s3.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: "large.bin",
        Range: range,
        ChecksumMode: "ENABLED",
      }),
    );
    check(got.ContentRange !== undefined, `GetObject with Range ${range} has no Content-Range`);
    pieces.push(Buffer.from(await got.Body.transformToByteArray()));
  }
  check(sha256(Buffer.concat(pieces)) === sha256(body), "the ranged download differs");
}

async function conditionalGet() {
  const put = await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: "conditional.txt", Body: "unchanged" }),
  );
  try {
    await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: "conditional.txt", IfNoneMatch: put.ETag }),
    );
  } catch (e) {
    const status = e.$metadata?.httpStatusCode;
    check(status === 304, `IfNoneMatch with the ETag failed with ${status}: ${e.name}`);
    return;
  }
  throw new Error("IfNoneMatch with the object's own ETag returned the object");
}

async function presignedGet() {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: "presigned.txt", Body: "presigned bytes" }),
  );
  const url = await getSignedUrl(
    s3,
    new GetObjectCommand({ Bucket: bucket, Key: "presigned.txt" }),
    { expiresIn: 300 },
  );
  const response = await fetch(url);
  check(response.status === 200, `presigned GET answered ${response.status}`);
  check((await response.text()) === "presigned bytes", "presigned GET returned other bytes");
}

async function crossAccountAssumeRole() {
  const role = `${prefix}-role`;
  const trust = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${dev.id}:root` },
        Action: "sts:AssumeRole",
      },
    ],
  };
  const created = await client(IAMClient, prod.credentials).send(
    new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: JSON.stringify(trust) }),
  );
  const roleArn = created.Role.Arn;
  check(roleArn === `arn:aws:iam::${prod.id}:role/${role}`, `role ARN ${roleArn}`);
  // AWS refuses AssumeRole to a root user, so dev's root makes a user who may assume the role.
  const devIam = client(IAMClient, dev.credentials);
  await devIam.send(new CreateUserCommand({ UserName: role }));
  const allow = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn }],
  };
  await devIam.send(
    new PutUserPolicyCommand({
      UserName: role,
      PolicyName: "assume",
      PolicyDocument: JSON.stringify(allow),
    }),
  );
  const key = (await devIam.send(new CreateAccessKeyCommand({ UserName: role }))).AccessKey;
  const session = await client(STSClient, {
    accessKeyId: key.AccessKeyId,
    secretAccessKey: key.SecretAccessKey,
  }).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "js" }));
  const identity = await client(STSClient, {
    accessKeyId: session.Credentials.AccessKeyId,
    secretAccessKey: session.Credentials.SecretAccessKey,
    sessionToken: session.Credentials.SessionToken,
  }).send(new GetCallerIdentityCommand({}));
  const expected = `arn:aws:sts::${prod.id}:assumed-role/${role}/js`;
  check(identity.Arn === expected, `GetCallerIdentity says ${identity.Arn}, not ${expected}`);
}

async function kmsRoundTrip() {
  const kms = client(KMSClient, dev.credentials);
  const key = (await kms.send(new CreateKeyCommand({ Description: `${prefix} key` }))).KeyMetadata
    .KeyId;
  const plaintext = randomBytes(64);
  const encrypted = await kms.send(new EncryptCommand({ KeyId: key, Plaintext: plaintext }));
  const decrypted = await kms.send(
    new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }),
  );
  check(Buffer.from(decrypted.Plaintext).equals(plaintext), "Decrypt returned other bytes");
  check(decrypted.KeyId.endsWith(key), `Decrypt names key ${decrypted.KeyId}, not ${key}`);
}

async function listPipelines() {
  const listed = await client(CodePipelineClient, dev.credentials).send(
    new ListPipelinesCommand({}),
  );
  check(Array.isArray(listed.pipelines), "ListPipelines answered no pipelines list");
}

const sdk = JSON.parse(
  readFileSync(new URL("node_modules/@aws-sdk/client-s3/package.json", import.meta.url)),
);
console.log(`@aws-sdk/client-s3 ${sdk.version}, node ${process.version}`);
await s3.send(new CreateBucketCommand({ Bucket: bucket }));
await step("PutObject/GetObject round trip", roundTrip);
await step("multipart upload (lib-storage Upload, 2 parts)", multipartUpload);
await step(
  "ranged download with checksum validation (2 Range GETs, ChecksumMode ENABLED)",
  rangedDownload,
);
await step("conditional GET (IfNoneMatch -> 304)", conditionalGet);
await step("presigned GET over plain HTTP (fetch)", presignedGet);
await step("cross-account AssumeRole (prod role, dev user)", crossAccountAssumeRole);
await step("KMS CreateKey/Encrypt/Decrypt", kmsRoundTrip);
await step("CodePipeline ListPipelines", listPipelines);
if (failed.length > 0) {
  console.log(`JS SDK matrix: ${failed.length} step(s) failed: ${failed.join("; ")}`);
  process.exit(1);
}
console.log("JS SDK matrix: all steps passed");

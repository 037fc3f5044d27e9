"""boto3 against a real Ferry, with the client's defaults (flexible checksums on both ways).

Run by ClientMatrixIT. Every step runs even when an earlier one failed, so one run names every
failing step; the exit status is 1 if any failed. Input comes from the environment: FERRY_ENDPOINT
(Ferry's TLS endpoint: over TLS botocore sends streaming uploads as
STREAMING-UNSIGNED-PAYLOAD-TRAILER, as it does to AWS), AWS_CA_BUNDLE (Ferry's CA), FERRY_WORK (a
scratch folder), FERRY_PREFIX (names of buckets, users and roles), and for each of dev and prod
FERRY_<ACCOUNT>_ID, FERRY_<ACCOUNT>_ACCESS_KEY_ID and FERRY_<ACCOUNT>_SECRET_ACCESS_KEY.
"""

import hashlib
import json
import os
import ssl
import sys
import traceback
import urllib.request

import boto3
import botocore
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

MIB = 1024 * 1024
ENDPOINT = os.environ["FERRY_ENDPOINT"]
WORK = os.environ["FERRY_WORK"]
PREFIX = os.environ["FERRY_PREFIX"]
BUCKET = PREFIX + "-bucket"


def account(name):
    return {
        "id": os.environ["FERRY_%s_ID" % name.upper()],
        "aws_access_key_id": os.environ["FERRY_%s_ACCESS_KEY_ID" % name.upper()],
        "aws_secret_access_key": os.environ["FERRY_%s_SECRET_ACCESS_KEY" % name.upper()],
    }


DEV = account("dev")
PROD = account("prod")


def client(service, acct, **credentials):
    keys = credentials or {
        "aws_access_key_id": acct["aws_access_key_id"],
        "aws_secret_access_key": acct["aws_secret_access_key"],
    }
    return boto3.session.Session(region_name="us-east-1", **keys).client(
        service, endpoint_url=ENDPOINT
    )


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def random_file(name, size):
    path = os.path.join(WORK, name)
    with open(path, "wb") as f:
        f.write(os.urandom(size))
    return path


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


s3 = client("s3", DEV)
failed = []


def step(name, action):
    try:
        action()
        print("ok     " + name, flush=True)
    except Exception as e:
        failed.append(name)
        print("FAILED %s: %s: %s" % (name, type(e).__name__, e), flush=True)
        traceback.print_exc(file=sys.stdout)


def round_trip():
    body = b"hello from boto3 " + os.urandom(16).hex().encode()
    s3.put_object(Bucket=BUCKET, Key="round-trip.txt", Body=body)
    got = s3.get_object(Bucket=BUCKET, Key="round-trip.txt")["Body"].read()
    check(got == body, "GetObject answered %r, not the %r put" % (got[:40], body[:40]))


def multipart_upload():
    source = random_file("multipart.bin", 10 * MIB)
    config = TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB)
    s3.upload_file(source, BUCKET, "multipart.bin", Config=config)
    head = s3.head_object(Bucket=BUCKET, Key="multipart.bin")
    check(head["ETag"].endswith('-2"'), "ETag %s is not a 2-part upload's" % head["ETag"])
    target = os.path.join(WORK, "multipart.out")
    s3.download_file(BUCKET, "multipart.bin", target)
    check(sha256(target) == sha256(source), "the downloaded multipart object differs")


def ranged_download():
    # One PutObject, so the object has a full-object CRC that a ranged GET must not carry.
    source = random_file("large.bin", 20 * MIB)
    with open(source, "rb") as f:
        s3.put_object(Bucket=BUCKET, Key="large.bin", Body=f)
    target = os.path.join(WORK, "large.out")
    s3.download_file(BUCKET, "large.bin", target)  # ranged GETs, checksums validated
    check(sha256(target) == sha256(source), "download_file of 20 MiB returned other bytes")
    part = s3.get_object(
        Bucket=BUCKET, Key="large.bin", Range="bytes=100-1099", ChecksumMode="ENABLED"
    )
    check(part["ResponseMetadata"]["HTTPStatusCode"] == 206, "the ranged GET was not a 206")
    with open(source, "rb") as f:
        f.seek(100)
        check(part["Body"].read() == f.read(1000), "bytes 100-1099 differ")


def conditional_get():
    etag = s3.put_object(Bucket=BUCKET, Key="conditional.txt", Body=b"unchanged")["ETag"]
    try:
        s3.get_object(Bucket=BUCKET, Key="conditional.txt", IfNoneMatch=etag)
    except ClientError as e:
        status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        check(status == 304, "IfNoneMatch with the ETag answered %s, not 304" % status)
        return
    raise AssertionError("IfNoneMatch with the object's own ETag returned the object")


def presigned_get():
    s3.put_object(Bucket=BUCKET, Key="presigned.txt", Body=b"presigned bytes")
    url = s3.generate_presigned_url(
        "get_object", Params={"Bucket": BUCKET, "Key": "presigned.txt"}, ExpiresIn=300
    )
    trusted = ssl.create_default_context(cafile=os.environ["AWS_CA_BUNDLE"])
    with urllib.request.urlopen(url, context=trusted) as response:
        check(response.status == 200, "presigned GET answered %s" % response.status)
        check(response.read() == b"presigned bytes", "presigned GET returned other bytes")


def cross_account_assume_role():
    role = PREFIX + "-role"
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::%s:root" % DEV["id"]},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    created = client("iam", PROD).create_role(
        RoleName=role, AssumeRolePolicyDocument=json.dumps(trust)
    )
    role_arn = created["Role"]["Arn"]
    check(role_arn == "arn:aws:iam::%s:role/%s" % (PROD["id"], role), "role ARN " + role_arn)
    # AWS refuses AssumeRole to a root user, so dev's root makes a user who may assume the role.
    dev_iam = client("iam", DEV)
    dev_iam.create_user(UserName=role)
    allow = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role_arn}],
    }
    dev_iam.put_user_policy(UserName=role, PolicyName="assume", PolicyDocument=json.dumps(allow))
    key = dev_iam.create_access_key(UserName=role)["AccessKey"]
    session = client(
        "sts",
        None,
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
    ).assume_role(RoleArn=role_arn, RoleSessionName="boto3")
    creds = session["Credentials"]
    identity = client(
        "sts",
        None,
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    ).get_caller_identity()
    expected = "arn:aws:sts::%s:assumed-role/%s/boto3" % (PROD["id"], role)
    arn = identity["Arn"]
    check(arn == expected, "GetCallerIdentity says %s, not %s" % (arn, expected))


def kms_round_trip():
    kms = client("kms", DEV)
    key = kms.create_key(Description=PREFIX + " key")["KeyMetadata"]["KeyId"]
    plaintext = os.urandom(64)
    blob = kms.encrypt(KeyId=key, Plaintext=plaintext)["CiphertextBlob"]
    check(plaintext not in blob, "the ciphertext contains the plaintext")
    decrypted = kms.decrypt(CiphertextBlob=blob)
    check(decrypted["Plaintext"] == plaintext, "Decrypt returned other bytes")
    named = decrypted["KeyId"]
    check(named.endswith(key), "Decrypt names key %s, not %s" % (named, key))


print("boto3 %s, botocore %s" % (boto3.__version__, botocore.__version__), flush=True)
s3.create_bucket(Bucket=BUCKET)
step("PutObject/GetObject round trip", round_trip)
step("multipart upload (upload_file, 2 parts)", multipart_upload)
step("ranged download with checksum validation (download_file 20 MiB, Range GET)",
     ranged_download)
step("conditional GET (IfNoneMatch -> 304)", conditional_get)
step("presigned GET over plain HTTP", presigned_get)
step("cross-account AssumeRole (prod role, dev user)", cross_account_assume_role)
step("KMS CreateKey/Encrypt/Decrypt", kms_round_trip)
if failed:
    print("boto3 matrix: %d step(s) failed: %s" % (len(failed), "; ".join(failed)))
    sys.exit(1)
print("boto3 matrix: all steps passed")

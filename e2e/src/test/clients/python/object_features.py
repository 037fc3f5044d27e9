"""Requests the aws CLI of this machine cannot make, with boto3, printing what S3 answered as JSON.

Argument: bucket. Credentials and the endpoint come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
and FERRY_ENDPOINT. The bucket holds the object "existing.txt".
"""
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

bucket = sys.argv[1]
endpoint = os.environ["FERRY_ENDPOINT"]
results = {}


def client(signature_version):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        config=Config(signature_version=signature_version, s3={"addressing_style": "path"}),
    )


def error_code(call):
    try:
        call()
        return "ok"
    except ClientError as e:
        return e.response["Error"]["Code"]


s3 = client("s3v4")
upload = s3.create_multipart_upload(Bucket=bucket, Key="existing.txt")["UploadId"]
part = s3.upload_part(Bucket=bucket, Key="existing.txt", UploadId=upload, PartNumber=1, Body=b"new")
parts = {"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]}
results["completeIfNoneMatch"] = error_code(
    lambda: s3.complete_multipart_upload(
        Bucket=bucket, Key="existing.txt", UploadId=upload, MultipartUpload=parts, IfNoneMatch="*"
    )
)
results["completeIfMatchWrong"] = error_code(
    lambda: s3.complete_multipart_upload(
        Bucket=bucket,
        Key="existing.txt",
        UploadId=upload,
        MultipartUpload=parts,
        IfMatch='"0123456789abcdef0123456789abcdef"',
    )
)
results["afterRefusals"] = s3.get_object(Bucket=bucket, Key="existing.txt")["Body"].read().decode()
etag = s3.head_object(Bucket=bucket, Key="existing.txt")["ETag"]
s3.complete_multipart_upload(
    Bucket=bucket, Key="existing.txt", UploadId=upload, MultipartUpload=parts, IfMatch=etag
)
results["afterIfMatch"] = s3.get_object(Bucket=bucket, Key="existing.txt")["Body"].read().decode()

v2 = client("s3")
results["sigV2ListObjects"] = [o["Key"] for o in v2.list_objects(Bucket=bucket).get("Contents", [])]
results["sigV2Location"] = v2.get_bucket_location(Bucket=bucket).get("LocationConstraint")
policy = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:DeleteBucket",
            "Resource": "arn:aws:s3:::" + bucket,
        }
    ],
}
v2.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
results["sigV2Policy"] = json.loads(v2.get_bucket_policy(Bucket=bucket)["Policy"])["Statement"][0][
    "Action"
]
results["sigV2Versioning"] = v2.get_bucket_versioning(Bucket=bucket).get("Status", "")
print(json.dumps(results))

"""Prints boto3's presigned POST (url and form fields) for a key, as JSON.

Arguments: bucket key fields-json conditions-json expires-in-seconds [signature-version]
Credentials and the endpoint come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and FERRY_ENDPOINT.
"""
import json
import os
import sys

import boto3
from botocore.config import Config

bucket, key, fields, conditions, expires = sys.argv[1:6]
signature_version = sys.argv[6] if len(sys.argv) > 6 else "s3v4"
client = boto3.client(
    "s3",
    endpoint_url=os.environ["FERRY_ENDPOINT"],
    region_name="us-east-1",
    config=Config(signature_version=signature_version, s3={"addressing_style": "path"}),
)
post = client.generate_presigned_post(
    bucket,
    key,
    Fields=json.loads(fields),
    Conditions=json.loads(conditions),
    ExpiresIn=int(expires),
)
print(json.dumps(post))

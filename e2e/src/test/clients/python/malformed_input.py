"""Sends malformed input of every kind to Ferry, signed with botocore, and prints as JSON how many
requests went out and every answer that was a server error (5xx other than 501, Ferry's refusal of
what it does not implement).

The kinds: odd values of S3's request headers and query parameters, broken S3 configuration
documents, presigned-URL parameters, browser POST forms, JSON bodies of the wrong shape for every
operation of the JSON services, and odd values for every member of the query services' operations.
Credentials and the endpoint come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and FERRY_ENDPOINT.
"""
import base64
import hashlib
import http.client
import itertools
import json
import os
import urllib.parse

import botocore.session
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ENDPOINT = os.environ["FERRY_ENDPOINT"]
HOST = urllib.parse.urlsplit(ENDPOINT)
CREDENTIALS = Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"])
BUCKET = "malformed-input"
SESSION = botocore.session.get_session()

sent = 0
server_errors = []
connection = http.client.HTTPConnection(HOST.hostname, HOST.port, timeout=60)


def exchange(method, path_and_query, headers, body):
    """One request over a kept-alive connection; (status, body text)."""
    global connection
    for attempt in (1, 2):
        try:
            connection.request(method, path_and_query, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        except (http.client.HTTPException, OSError):
            connection.close()
            connection = http.client.HTTPConnection(HOST.hostname, HOST.port, timeout=60)
            if attempt == 2:
                raise


def send(label, method, path, query="", headers=None, body=b"", service="s3", signed=True):
    global sent
    url = ENDPOINT + path + ("?" + query if query else "")
    request = AWSRequest(method=method, url=url, data=body, headers=headers or {})
    if signed:
        signer = S3SigV4Auth if service == "s3" else SigV4Auth
        signer(CREDENTIALS, service, "us-east-1").add_auth(request)
    prepared = request.prepare()
    parts = urllib.parse.urlsplit(prepared.url)
    target = parts.path + ("?" + parts.query if parts.query else "")
    try:
        status, text = exchange(method, target, dict(prepared.headers), body)
    except ValueError:
        return None  # http.client refuses to send this header value at all
    sent += 1
    if status >= 500 and status != 501:
        server_errors.append({"request": label, "status": status, "body": text[:400]})
    return text


ODD = ["", "x", "-1", "0", "99999999999999999999", "bytes=", "bytes=abc", "bytes=5-2",
       "bytes=0-0,2-3", "%zz", "\u00e9".encode("utf-8").decode("latin-1"), "2026-13-45",
       "Thu, 99 Zzz 2026", "====", "a" * 3000]


def query_value(value):
    """A value for a query string, escaped, except the bad escape %zz, which is sent as it is."""
    return value if value == "%zz" else urllib.parse.quote(value, safe="")


def s3_headers_and_queries():
    send("setup", "PUT", "/" + BUCKET)
    send("setup", "PUT", f"/{BUCKET}/object", body=b"hello")
    upload = send("setup", "POST", f"/{BUCKET}/upload", "uploads")
    upload_id = upload.split("<UploadId>")[1].split("</UploadId>")[0]
    headers = ["Range", "If-Modified-Since", "If-Match", "If-None-Match", "Content-MD5",
               "x-amz-checksum-crc32", "x-amz-checksum-sha256", "x-amz-sdk-checksum-algorithm",
               "x-amz-tagging", "x-amz-meta-a", "x-amz-acl", "x-amz-storage-class",
               "x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id",
               "x-amz-copy-source-range", "x-amz-copy-source-if-modified-since",
               "x-amz-metadata-directive", "x-amz-expected-bucket-owner",
               "x-amz-object-lock-retain-until-date", "x-amz-website-redirect-location",
               "x-amz-mp-object-size", "x-amz-checksum-mode", "x-amz-object-ownership",
               "Content-Type", "Expires", "x-amz-grant-read", "x-amz-write-offset-bytes"]
    operations = [("GET", f"/{BUCKET}/object", "", {}, b""),
                  ("HEAD", f"/{BUCKET}/object", "", {}, b""),
                  ("PUT", f"/{BUCKET}/new", "", {}, b"data"),
                  ("PUT", f"/{BUCKET}/copy", "", {"x-amz-copy-source": f"{BUCKET}/object"}, b""),
                  ("GET", f"/{BUCKET}", "", {}, b""),
                  ("PUT", f"/{BUCKET}/upload", f"partNumber=1&uploadId={upload_id}", {}, b"p"),
                  ("PUT", "/malformed-input-2", "", {}, b"")]
    for (method, path, query, extra, body), header, value in itertools.product(
            operations, headers, ODD):
        send(f"{method} {path} {header}: {value[:40]!r}", method, path, query,
             {**extra, header: value}, body)
        if path == "/malformed-input-2":
            send("cleanup", "DELETE", path)
    parameters = ["max-keys", "list-type", "prefix", "continuation-token", "start-after",
                  "encoding-type", "versionId", "partNumber", "uploadId", "max-uploads",
                  "max-parts", "part-number-marker", "response-expires", "attributes", "acl"]
    for parameter, value in itertools.product(parameters, ODD):
        encoded = query_value(value)
        for method, path in (("GET", f"/{BUCKET}"), ("GET", f"/{BUCKET}/object"),
                             ("PUT", f"/{BUCKET}/q"), ("DELETE", f"/{BUCKET}/q")):
            send(f"{method} {path}?{parameter}={value[:40]!r}", method, path,
                 f"{parameter}={encoded}", body=b"x" if method == "PUT" else b"")


def s3_documents():
    bodies = [b"", b"<", b"<a/>", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>',
              b"<x>" * 5000, b"\xff\xfe\x00", b"{", b'{"Version":"2012-10-17","Statement":5}',
              b"<Tagging><TagSet><Tag><Key></Key><Value>v</Value></Tag></TagSet></Tagging>",
              b"<LifecycleConfiguration><Rule><Expiration><Days>99999999999999999999</Days>"
              b"</Expiration><Status>Enabled</Status><Filter/></Rule></LifecycleConfiguration>",
              b"<CORSConfiguration><CORSRule><AllowedMethod>FOO</AllowedMethod><AllowedOrigin>*"
              b"</AllowedOrigin><MaxAgeSeconds>abc</MaxAgeSeconds></CORSRule></CORSConfiguration>",
              b"<Delete>" + b"<Object><Key>k</Key></Object>" * 1001 + b"</Delete>"]
    for resource, body in itertools.product(
            ["policy", "tagging", "lifecycle", "cors", "versioning", "acl", "encryption", "website",
             "logging", "notification", "ownershipControls", "publicAccessBlock", "object-lock",
             "replication", "delete"], bodies):
        md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
        for method, path in (("PUT", f"/{BUCKET}"), ("POST", f"/{BUCKET}"),
                             ("PUT", f"/{BUCKET}/object")):
            send(f"{method} {path}?{resource} {body[:40]!r}", method, path, resource,
                 {"Content-MD5": md5}, body)


def s3_presigned_and_forms():
    access_key = CREDENTIALS.access_key
    good = {"X-Amz-Algorithm": "AWS4-HMAC-SHA256",
            "X-Amz-Credential": access_key + "/20261206/us-east-1/s3/aws4_request",
            "X-Amz-Date": "20261206T120000Z", "X-Amz-Expires": "3600",
            "X-Amz-SignedHeaders": "host", "X-Amz-Signature": "0" * 64}
    odd = ODD + [access_key + "/x", ";;", "Z" * 64]
    for name, value in itertools.product(good, odd):
        query = "&".join(f"{k}={query_value(value if k == name else v)}" for k, v in good.items())
        for method in ("GET", "PUT"):
            send(f"presigned {method} {name}={value[:40]!r}", method, f"/{BUCKET}/object", query,
                 body=b"x" if method == "PUT" else b"", signed=False)
    boundary = "ferryboundary"
    for field, value in itertools.product(
            ["key", "policy", "x-amz-signature", "x-amz-credential", "x-amz-date",
             "success_action_status", "Content-Type"], odd):
        fields = {"key": "up/${filename}", "x-amz-algorithm": "AWS4-HMAC-SHA256",
                  "x-amz-credential": access_key + "/20261206/us-east-1/s3/aws4_request",
                  "x-amz-date": "20261206T120000Z", "policy": "eyJ9", "x-amz-signature": "0" * 64,
                  field: value}
        body = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
            .encode("utf-8") for k, v in fields.items())
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"'
                 f"\r\n\r\nhello\r\n--{boundary}--\r\n").encode()
        send(f"POST form {field}={value[:40]!r}", "POST", f"/{BUCKET}", body=body,
             headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}, signed=False)
    for body, content_type in [(b"--x\r\n", "multipart/form-data; boundary=x"),
                               (b"", "multipart/form-data"),
                               (b"garbage", "multipart/form-data; boundary="),
                               (b'--x\r\nContent-Disposition: form-data; name="file"\r\n\r\n'
                                + b"a" * 100, "multipart/form-data; boundary=x")]:
        send(f"POST raw {content_type}", "POST", f"/{BUCKET}", body=body,
             headers={"Content-Type": content_type}, signed=False)


def json_services():
    for service in ["kms", "codepipeline", "events", "ssm", "cloudtrail"]:
        model = SESSION.get_service_model(service)
        prefix = model.metadata["targetPrefix"]
        version = model.metadata.get("jsonVersion", "1.1")
        for operation in model.operation_names:
            shape = model.operation_model(operation).input_shape
            members = list(shape.members) if shape else []
            bodies = [b"", b"{", b"[]", b"null", b'{"a":' * 2000]
            for value in [None, 5, "x", [], {}, True, 1e308, -1, "a" * 100000, [None], {"x": None}]:
                bodies.append(json.dumps({member: value for member in members}).encode())
            for body in bodies:
                send(f"{prefix}.{operation} {body[:40]!r}", "POST", "/", body=body,
                     headers={"X-Amz-Target": f"{prefix}.{operation}",
                              "Content-Type": f"application/x-amz-json-{version}"},
                     service=model.metadata.get("signingName", service))


def query_services():
    values = ["", "x", "-1", "99999999999999999999", "1e400", "true", "{", "[]",
              '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":5}]}',
              "a" * 70000, "\u00e9", "2026-13-45T99:99:99Z"]
    for service in ["iam", "sts", "cloudformation"]:
        model = SESSION.get_service_model(service)
        for operation in model.operation_names:
            shape = model.operation_model(operation).input_shape
            members = list(shape.members) if shape else []
            for value in values:
                form = {"Action": operation, "Version": model.metadata["apiVersion"]}
                for member in members:
                    form.update({member: value, member + ".member.1": value, member + ".1": value})
                send(f"{service} {operation} {value[:40]!r}", "POST", "/",
                     body=urllib.parse.urlencode(form).encode(),
                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
                     service=service)
    for form in ["Action=ListUsers&Version=2010-05-08&Marker=%zz",
                 "Action=ListUsers&Version=2010-05-08&Marker=%C0%AF",
                 "Action=ListUsers&Version=2010-05-08&" + "a=b&" * 200000]:
        send(f"iam form {form[:60]!r}", "POST", "/", body=form.encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded"}, service="iam")


s3_headers_and_queries()
s3_documents()
s3_presigned_and_forms()
json_services()
query_services()
print(json.dumps({"requests": sent, "serverErrors": server_errors}))

package ferry.s3.wire;

import ferry.protocol.ApiResponse;
import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.LoggingConfiguration;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import java.io.IOException;

/** A bucket's server access logging on the wire: PutBucketLogging and GetBucketLogging. */
final class LoggingApi {
  private final S3Service s3;

  LoggingApi(S3Service s3) {
    this.s3 = s3;
  }

  /** An empty {@code BucketLoggingStatus} turns logging off. */
  void putBucketLogging(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true);
    XmlDocument status = XmlDocument.parse(body, "BucketLoggingStatus");
    XmlDocument enabled = status.child("LoggingEnabled");
    s3.logging()
        .putBucketLogging(
            call.request().caller(), call.bucketName(), enabled == null ? null : parse(enabled));
    response.sendEmpty(200);
  }

  private static LoggingConfiguration parse(XmlDocument enabled) {
    String target = enabled.exactText("TargetBucket");
    String prefix = enabled.exactText("TargetPrefix");
    if (target == null || target.isEmpty() || prefix == null) {
      throw S3Errors.malformedXml();
    }
    XmlDocument grants = enabled.child("TargetGrants");
    if (grants != null && !grants.children("Grant").isEmpty()) {
      throw S3Errors.notImplemented("grants on access log objects (TargetGrants)");
    }
    XmlDocument format = enabled.child("TargetObjectKeyFormat");
    if (format == null) {
      return new LoggingConfiguration(target, prefix, null, null);
    }
    XmlDocument simple = format.child("SimplePrefix");
    XmlDocument partitioned = format.child("PartitionedPrefix");
    if ((simple == null) == (partitioned == null)) {
      throw S3Errors.malformedXml();
    }
    if (simple != null) {
      return new LoggingConfiguration(
          target, prefix, LoggingConfiguration.KeyFormat.SIMPLE_PREFIX, null);
    }
    String source = partitioned.text("PartitionDateSource");
    if (source != null && !source.equals("EventTime") && !source.equals("DeliveryTime")) {
      throw S3Errors.malformedXml();
    }
    return new LoggingConfiguration(
        target, prefix, LoggingConfiguration.KeyFormat.PARTITIONED_PREFIX, source);
  }

  void getBucketLogging(S3Call call, ApiResponse response) throws IOException {
    LoggingConfiguration configuration =
        s3.logging().getBucketLogging(call.request().caller(), call.bucketName());
    Xml xml = S3Xml.document("BucketLoggingStatus");
    if (configuration != null) {
      xml.open("LoggingEnabled")
          .element("TargetBucket", configuration.targetBucket())
          .element("TargetPrefix", configuration.targetPrefix());
      LoggingConfiguration.KeyFormat format = configuration.keyFormat();
      if (format == LoggingConfiguration.KeyFormat.SIMPLE_PREFIX) {
        xml.raw("<TargetObjectKeyFormat><SimplePrefix/></TargetObjectKeyFormat>");
      } else if (format == LoggingConfiguration.KeyFormat.PARTITIONED_PREFIX) {
        xml.open("TargetObjectKeyFormat")
            .open("PartitionedPrefix")
            .element("PartitionDateSource", configuration.partitionDateSource())
            .close("PartitionedPrefix")
            .close("TargetObjectKeyFormat");
      }
      xml.close("LoggingEnabled");
    }
    response.sendXml(200, xml.close("BucketLoggingStatus").toString());
  }
}

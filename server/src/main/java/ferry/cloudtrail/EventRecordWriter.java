package ferry.cloudtrail;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.authz.AccessRequest;
import ferry.aws.Caller;
import ferry.aws.Principal;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes one CloudTrail record (event version 1.09) as JSON, field by field with Jackson's
 * streaming generator: the event writer makes one for every event, so no object tree is built in
 * between. The fields and their order are CloudTrail's, as {@link EventRecords} decides them.
 */
final class EventRecordWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventRecordWriter() {}

  /** A resource of a record: its ARN, the account that owns it when known, its type. */
  record Resource(String arn, @Nullable String account, String type) {}

  /** What a record says beyond the call itself, decided by {@link EventRecords}. */
  record Facts(
      String recipient,
      @Nullable String sharedEventId,
      String eventId,
      String requestId,
      boolean readOnly,
      boolean data,
      List<Resource> resources) {}

  static String write(ApiCall call, Facts facts) {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
      write(json, call, facts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator json, ApiCall call, Facts facts) throws IOException {
    Caller caller = call.caller();
    String invokedBy = call.invokedBy();
    json.writeStartObject();
    json.writeStringField("eventVersion", EventRecords.EVENT_VERSION);
    json.writeFieldName("userIdentity");
    userIdentity(json, caller, invokedBy);
    json.writeStringField("eventTime", instant(call.time()));
    json.writeStringField("eventSource", call.eventSource());
    json.writeStringField("eventName", call.eventName());
    json.writeStringField("awsRegion", caller.region().name());
    json.writeStringField("sourceIPAddress", invokedBy != null ? invokedBy : caller.sourceIp());
    json.writeStringField("userAgent", invokedBy != null ? invokedBy : call.userAgent());
    if (call.errorCode() != null) {
      json.writeStringField("errorCode", call.errorCode());
      json.writeStringField("errorMessage", call.errorMessage());
    }
    json.writeFieldName("requestParameters");
    requestParameters(json, call.primary());
    json.writeFieldName("responseElements");
    if (call.responseElements() != null) {
      JSON.writeValue(json, call.responseElements());
    } else {
      json.writeNull();
    }
    json.writeObjectFieldStart("additionalEventData");
    if (call.decisionId() != null) {
      json.writeStringField("ferryDecisionId", call.decisionId());
    }
    json.writeEndObject();
    json.writeStringField("requestID", facts.requestId());
    json.writeStringField("eventID", facts.eventId());
    json.writeBooleanField("readOnly", facts.readOnly());
    if (!facts.resources().isEmpty()) {
      json.writeArrayFieldStart("resources");
      for (Resource resource : facts.resources()) {
        json.writeStartObject();
        json.writeStringField("ARN", resource.arn());
        if (resource.account() != null) {
          json.writeStringField("accountId", resource.account());
        }
        json.writeStringField("type", resource.type());
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeStringField("eventType", "AwsApiCall");
    json.writeBooleanField("managementEvent", !facts.data());
    json.writeStringField("recipientAccountId", facts.recipient());
    if (facts.sharedEventId() != null) {
      json.writeStringField("sharedEventID", facts.sharedEventId());
    }
    json.writeStringField("eventCategory", facts.data() ? "Data" : "Management");
    json.writeEndObject();
  }

  static String instant(Instant time) {
    return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
  }

  private static void userIdentity(JsonGenerator json, Caller caller, @Nullable String invokedBy)
      throws IOException {
    json.writeStartObject();
    Principal principal = caller.principal();
    switch (principal) {
      case Principal.AccountRoot root -> {
        json.writeStringField("type", "Root");
        json.writeStringField("principalId", root.account().value());
        json.writeStringField("arn", root.arn());
        json.writeStringField("accountId", root.account().value());
      }
      case Principal.IamUser user -> {
        json.writeStringField("type", "IAMUser");
        json.writeStringField("principalId", user.id());
        json.writeStringField("arn", user.arn());
        json.writeStringField("accountId", user.account().value());
        json.writeStringField("userName", user.name());
      }
      case Principal.AssumedRole role -> {
        json.writeStringField("type", "AssumedRole");
        json.writeStringField("principalId", role.userId());
        json.writeStringField("arn", role.arn());
        json.writeStringField("accountId", role.account().value());
      }
      case Principal.ServicePrincipal service -> json.writeStringField("type", "AWSService");
      case Principal.Anonymous anonymous -> {
        json.writeStringField("type", "AWSAccount");
        json.writeStringField("principalId", "");
        json.writeStringField("accountId", "ANONYMOUS_PRINCIPAL");
      }
    }
    if (!caller.accessKeyId().isEmpty()) {
      json.writeStringField("accessKeyId", caller.accessKeyId());
    }
    if (principal instanceof Principal.AssumedRole role) {
      json.writeObjectFieldStart("sessionContext");
      json.writeObjectFieldStart("sessionIssuer");
      json.writeStringField("type", "Role");
      json.writeStringField("principalId", role.roleId());
      json.writeStringField("arn", role.roleArn());
      json.writeStringField("accountId", role.account().value());
      json.writeStringField("userName", role.roleName());
      json.writeEndObject();
      json.writeObjectFieldStart("attributes");
      if (caller.sessionCreated() != null) {
        json.writeStringField("creationDate", instant(caller.sessionCreated()));
      }
      json.writeStringField("mfaAuthenticated", "false");
      json.writeEndObject();
      if (caller.sourceIdentity() != null) {
        json.writeStringField("sourceIdentity", caller.sourceIdentity());
      }
      json.writeEndObject();
    } else if (caller.sessionCreated() != null) {
      // A user's or the root user's GetSessionToken credentials.
      json.writeObjectFieldStart("sessionContext");
      json.writeObjectFieldStart("attributes");
      json.writeStringField("creationDate", instant(caller.sessionCreated()));
      json.writeStringField("mfaAuthenticated", "false");
      json.writeEndObject();
      json.writeEndObject();
    }
    String by =
        invokedBy != null
            ? invokedBy
            : principal instanceof Principal.ServicePrincipal service ? service.service() : null;
    if (by != null) {
      json.writeStringField("invokedBy", by);
    }
    json.writeEndObject();
  }

  /**
   * The parameters CloudTrail shows, from the authorized access only: bucket and key, role and
   * session name, key and encryption context; null for any other access.
   */
  private static void requestParameters(JsonGenerator json, @Nullable AccessRequest access)
      throws IOException {
    if (access == null || access.resource().equals("*")) {
      json.writeNull();
      return;
    }
    String action = access.action();
    String resource = access.resource();
    if (action.startsWith("s3:") && resource.startsWith("arn:aws:s3:::")) {
      String path = resource.substring("arn:aws:s3:::".length());
      int slash = path.indexOf('/');
      json.writeStartObject();
      json.writeStringField("bucketName", slash < 0 ? path : path.substring(0, slash));
      if (slash >= 0) {
        json.writeStringField("key", path.substring(slash + 1));
      }
      json.writeEndObject();
      return;
    }
    if (action.startsWith("sts:AssumeRole")) {
      json.writeStartObject();
      json.writeStringField("roleArn", resource);
      List<String> session = access.context().get("sts:RoleSessionName");
      if (session != null && !session.isEmpty()) {
        json.writeStringField("roleSessionName", session.getFirst());
      }
      json.writeEndObject();
      return;
    }
    if (action.startsWith("kms:")) {
      json.writeStartObject();
      json.writeStringField("keyId", resource);
      boolean opened = false;
      for (Map.Entry<String, List<String>> key : access.context().entrySet()) {
        if (key.getKey().startsWith("kms:EncryptionContext:") && !key.getValue().isEmpty()) {
          if (!opened) {
            json.writeObjectFieldStart("encryptionContext");
            opened = true;
          }
          json.writeStringField(
              key.getKey().substring("kms:EncryptionContext:".length()), key.getValue().getFirst());
        }
      }
      if (opened) {
        json.writeEndObject();
      }
      json.writeEndObject();
      return;
    }
    json.writeNull();
  }
}

package ferry.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.authz.AccessRequest;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A recorded call as the {@link EventJournal} keeps it until its events are built: the call, and
 * the accesses allowed for it that policy generation learns from. Encoded as a few length-prefixed
 * strings, so recording costs a request little more than the bytes it appends; the events' JSON is
 * made from it later, off the request's thread.
 *
 * @param allowed the allowed accesses of a call that was not denied; empty otherwise
 */
public record JournalEntry(ApiCall call, List<AccessRequest> allowed) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> ELEMENTS =
      new TypeReference<>() {};

  public JournalEntry {
    allowed = List.copyOf(allowed);
  }

  /** The call's events, one per account that sees it. */
  public List<TrailEvent> events() {
    return EventRecords.of(call);
  }

  /** The allowed accesses, linked to the call's event in the caller's account. */
  public List<ActionUse> uses(List<TrailEvent> events) {
    if (allowed.isEmpty()) {
      return List.of();
    }
    Principal principal = call.caller().principal();
    String entity = ActionUse.entityArn(principal);
    if (entity == null) {
      return List.of();
    }
    String account = principal.account().value();
    TrailEvent own = null;
    for (TrailEvent event : events) {
      if (event.accountId().equals(account)) {
        own = event;
        break;
      }
    }
    if (own == null) {
      return List.of();
    }
    List<ActionUse> uses = new ArrayList<>(allowed.size());
    for (AccessRequest access : allowed) {
      uses.add(
          new ActionUse(
              account,
              entity,
              own.eventId(),
              own.eventTime(),
              access.action(),
              access.resource(),
              call.invokedBy()));
    }
    return uses;
  }

  /** The entry as the journal stores it. */
  public byte[] encode() {
    var bytes = new ByteArrayOutputStream(512);
    try (var out = new DataOutputStream(bytes)) {
      ApiCall c = call;
      instant(out, c.time());
      caller(out, c.caller());
      string(out, c.invokedBy());
      string(out, c.eventSource());
      string(out, c.eventName());
      string(out, c.userAgent());
      string(out, c.requestId());
      string(out, c.errorCode());
      string(out, c.errorMessage());
      out.writeBoolean(c.primary() != null);
      if (c.primary() != null) {
        access(out, c.primary());
      }
      string(out, c.decisionId());
      string(
          out, c.responseElements() == null ? null : JSON.writeValueAsString(c.responseElements()));
      out.writeInt(allowed.size());
      for (AccessRequest access : allowed) {
        access(out, access);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads an entry {@link #encode} wrote.
   *
   * @throws IllegalArgumentException if the bytes are not one
   */
  public static JournalEntry decode(ByteBuffer in) {
    try {
      Instant time = instant(in);
      Caller caller = caller(in);
      String invokedBy = string(in);
      String eventSource = required(in);
      String eventName = required(in);
      String userAgent = required(in);
      String requestId = string(in);
      String errorCode = string(in);
      String errorMessage = string(in);
      AccessRequest primary = in.get() != 0 ? access(in) : null;
      String decisionId = string(in);
      String elements = string(in);
      int count = in.getInt();
      if (count < 0 || count > in.remaining()) {
        throw new IllegalArgumentException("Bad count of accesses: " + count);
      }
      List<AccessRequest> allowed = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        allowed.add(access(in));
      }
      return new JournalEntry(
          new ApiCall(
              time,
              caller,
              invokedBy,
              eventSource,
              eventName,
              userAgent,
              requestId,
              errorCode,
              errorMessage,
              primary,
              decisionId,
              elements == null ? null : JSON.readValue(elements, ELEMENTS)),
          allowed);
    } catch (BufferUnderflowException | JsonProcessingException e) {
      throw new IllegalArgumentException("Not a journal entry: " + e, e);
    }
  }

  private static void caller(DataOutputStream out, Caller caller) throws IOException {
    switch (caller.principal()) {
      case Principal.AccountRoot root -> {
        out.writeByte(0);
        string(out, root.account().value());
      }
      case Principal.IamUser user -> {
        out.writeByte(1);
        string(out, user.account().value());
        string(out, user.path());
        string(out, user.name());
        string(out, user.id());
      }
      case Principal.AssumedRole role -> {
        out.writeByte(2);
        string(out, role.account().value());
        string(out, role.rolePath());
        string(out, role.roleName());
        string(out, role.roleId());
        string(out, role.session());
      }
      case Principal.ServicePrincipal service -> {
        out.writeByte(3);
        string(out, service.service());
      }
      case Principal.Anonymous anonymous -> out.writeByte(4);
    }
    string(out, caller.accessKeyId());
    string(out, caller.sourceIp());
    instant(out, caller.requestTime());
    string(out, caller.region().name());
    string(out, caller.viaService());
    string(out, caller.sourceIdentity());
    out.writeBoolean(caller.sessionCreated() != null);
    if (caller.sessionCreated() != null) {
      instant(out, caller.sessionCreated());
    }
  }

  private static Caller caller(ByteBuffer in) {
    Principal principal =
        switch (in.get()) {
          case 0 -> new Principal.AccountRoot(AccountId.of(required(in)));
          case 1 ->
              new Principal.IamUser(
                  AccountId.of(required(in)), required(in), required(in), required(in));
          case 2 ->
              new Principal.AssumedRole(
                  AccountId.of(required(in)),
                  required(in),
                  required(in),
                  required(in),
                  required(in));
          case 3 -> new Principal.ServicePrincipal(required(in));
          case 4 -> new Principal.Anonymous();
          default -> throw new IllegalArgumentException("Bad principal");
        };
    String accessKeyId = required(in);
    String sourceIp = required(in);
    Instant requestTime = instant(in);
    Region region = Region.of(required(in));
    String viaService = string(in);
    String sourceIdentity = string(in);
    Instant sessionCreated = in.get() != 0 ? instant(in) : null;
    return new Caller(
        principal,
        accessKeyId,
        List.of(),
        Map.of(),
        sourceIp,
        true,
        requestTime,
        region,
        viaService,
        sourceIdentity,
        sessionCreated);
  }

  /** An access as far as a record shows it: the condition keys that become request parameters. */
  private static void access(DataOutputStream out, AccessRequest access) throws IOException {
    string(out, access.action());
    string(out, access.resource());
    string(out, access.resourceAccount().value());
    List<Map.Entry<String, List<String>>> shown = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : access.context().entrySet()) {
      if (EventRecords.showsContextKey(entry.getKey()) && !entry.getValue().isEmpty()) {
        shown.add(entry);
      }
    }
    out.writeInt(shown.size());
    for (Map.Entry<String, List<String>> entry : shown) {
      string(out, entry.getKey());
      string(out, entry.getValue().getFirst());
    }
  }

  private static AccessRequest access(ByteBuffer in) {
    String action = required(in);
    String resource = required(in);
    AccountId account = AccountId.of(required(in));
    int count = in.getInt();
    if (count < 0 || count > in.remaining()) {
      throw new IllegalArgumentException("Bad count of context keys: " + count);
    }
    Map<String, List<String>> context = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      context.put(required(in), List.of(required(in)));
    }
    return new AccessRequest(action, resource, account, null, context);
  }

  private static void instant(DataOutputStream out, Instant time) throws IOException {
    out.writeLong(time.getEpochSecond());
    out.writeInt(time.getNano());
  }

  private static Instant instant(ByteBuffer in) {
    return Instant.ofEpochSecond(in.getLong(), in.getInt());
  }

  private static void string(DataOutputStream out, @Nullable String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static @Nullable String string(ByteBuffer in) {
    int length = in.getInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("Bad string length: " + length);
    }
    String value =
        new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return value;
  }

  private static String required(ByteBuffer in) {
    String value = string(in);
    if (value == null) {
      throw new IllegalArgumentException("A required string is missing");
    }
    return value;
  }
}

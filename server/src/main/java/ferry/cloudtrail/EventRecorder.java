package ferry.cloudtrail;

import ferry.authz.AccessRequest;
import ferry.authz.ActingService;
import ferry.authz.DecisionListener;
import ferry.authz.ResponseElements;
import ferry.authz.Verdict;
import ferry.aws.Caller;
import ferry.cloudtrail.store.EventRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Records every call as CloudTrail events. An HTTP request is one call: {@link #open} starts its
 * record, the decisions made for its caller name its primary access and decision id, and {@link
 * Call#record} writes it, with the outcome, before the answer is committed. A decision made for
 * another caller (S3 calling KMS for the same client) or on a thread serving no request (the
 * pipeline engine) is a call of its own, recorded from the decision; the engine's calls carry the
 * {@link ActingService} as invokedBy.
 */
public final class EventRecorder implements DecisionListener {
  private final ThreadLocal<@Nullable Call> current = new ThreadLocal<>();
  private final EventRepository events;
  private final Clock clock;
  private final boolean enabled;

  public EventRecorder(EventRepository events, Clock clock, boolean enabled) {
    this.events = events;
    this.clock = clock;
    this.enabled = enabled;
  }

  /**
   * Starts the record of an authenticated request on this thread.
   *
   * @param eventName the operation, when the request names it; else the primary action's
   */
  public Call open(
      Caller caller,
      String signingName,
      @Nullable String eventName,
      String requestId,
      String userAgent) {
    var call = new Call(caller, signingName, eventName, requestId, userAgent);
    current.set(call);
    ResponseElements.take();
    return call;
  }

  @Override
  public void decided(Caller caller, AccessRequest request, Verdict verdict) {
    if (!enabled) {
      return;
    }
    Call call = current.get();
    if (call != null && call.isFor(caller)) {
      call.decided(request, verdict);
      return;
    }
    String invokedBy =
        caller.viaService() != null
            ? EventRecords.serviceHost(caller.viaService())
            : ActingService.current();
    String service = request.action().substring(0, request.action().indexOf(':'));
    List<TrailEvent> made =
        EventRecords.of(
            new ApiCall(
                clock.instant(),
                caller,
                invokedBy,
                EventRecords.serviceHost(service),
                EventRecords.operationOf(request.action()),
                invokedBy != null ? invokedBy : "ferry",
                null,
                verdict.allowed() ? null : deniedCode(service),
                verdict.allowed() ? null : verdict.message(),
                request,
                verdict.id(),
                null));
    List<ActionUse> uses =
        verdict.allowed() ? uses(caller, made, List.of(request), invokedBy) : List.of();
    if (call != null && !call.recorded) {
      call.nested.addAll(made);
      call.nestedUses.addAll(uses);
    } else {
      events.insert(made, uses);
    }
  }

  /** The allowed accesses of a call, linked to its event in the caller's account. */
  private static List<ActionUse> uses(
      Caller caller,
      List<TrailEvent> made,
      List<AccessRequest> allowed,
      @Nullable String invokedBy) {
    String entity = ActionUse.entityArn(caller.principal());
    if (entity == null) {
      return List.of();
    }
    String account = caller.principal().account().value();
    TrailEvent own =
        made.stream().filter(e -> e.accountId().equals(account)).findFirst().orElse(null);
    if (own == null) {
      return List.of();
    }
    List<ActionUse> uses = new ArrayList<>();
    for (AccessRequest access : allowed) {
      uses.add(
          new ActionUse(
              account,
              entity,
              own.eventId(),
              own.eventTime(),
              access.action(),
              access.resource(),
              invokedBy));
    }
    return uses;
  }

  private static String deniedCode(String service) {
    return switch (service) {
      case "s3", "sts", "iam" -> "AccessDenied";
      default -> "AccessDeniedException";
    };
  }

  /** One HTTP request's record, open until the request's answer is committed. */
  public final class Call implements AutoCloseable {
    private final Caller caller;
    private final String signingName;
    private @Nullable String eventName;
    private final String requestId;
    private final String userAgent;
    private final List<TrailEvent> nested = new ArrayList<>();
    private final List<ActionUse> nestedUses = new ArrayList<>();
    private final List<AccessRequest> allowed = new ArrayList<>();
    private @Nullable AccessRequest primary;
    private @Nullable String decisionId;
    private boolean primaryDenied;
    private @Nullable String errorCode;
    private @Nullable String errorMessage;
    private boolean recorded;

    private Call(
        Caller caller,
        String signingName,
        @Nullable String eventName,
        String requestId,
        String userAgent) {
      this.caller = caller;
      this.signingName = signingName;
      this.eventName = eventName;
      this.requestId = requestId;
      this.userAgent = userAgent;
    }

    boolean isFor(Caller other) {
      return other.principal().equals(caller.principal())
          && Objects.equals(other.viaService(), caller.viaService());
    }

    /** The first decision is the operation's; a later denial is what it failed on. */
    void decided(AccessRequest request, Verdict verdict) {
      if (verdict.allowed()) {
        allowed.add(request);
      }
      if (primary == null || (!verdict.allowed() && !primaryDenied)) {
        primary = request;
        decisionId = verdict.id();
        primaryDenied = !verdict.allowed();
      }
    }

    /** The operation, when only the request's body names it (a query-protocol form). */
    public void named(String operation) {
      if (eventName == null) {
        eventName = operation;
      }
    }

    /** The request failed with this AWS error; called before the error is written. */
    public void failed(String code, String message) {
      errorCode = code;
      errorMessage = message;
    }

    /**
     * The request is answered without being recorded: it was refused because the database that
     * holds the event history (and everything else) is out of reach, so it did nothing.
     */
    public void discard() {
      recorded = true;
    }

    /**
     * Writes the request's events, and those of the calls made for it, durably; once only. Runs
     * before the answer is committed, so an answered request always has its event.
     */
    public void record() {
      if (recorded || !enabled) {
        recorded = true;
        return;
      }
      recorded = true;
      String name =
          eventName != null
              ? eventName
              : primary != null ? EventRecords.operationOf(primary.action()) : null;
      List<TrailEvent> all = new ArrayList<>(nested);
      List<ActionUse> uses = new ArrayList<>(nestedUses);
      if (name != null) {
        List<TrailEvent> own =
            EventRecords.of(
                new ApiCall(
                    caller.requestTime(),
                    caller,
                    caller.viaService() == null
                        ? null
                        : EventRecords.serviceHost(caller.viaService()),
                    EventRecords.serviceHost(signingName),
                    name,
                    userAgent,
                    requestId,
                    errorCode,
                    errorMessage,
                    primary,
                    decisionId,
                    errorCode == null ? ResponseElements.take() : null));
        all.addAll(own);
        if (!primaryDenied && errorCode == null) {
          String invokedBy =
              caller.viaService() == null ? null : EventRecords.serviceHost(caller.viaService());
          uses.addAll(uses(caller, own, allowed, invokedBy));
        }
      }
      events.insert(all, uses);
    }

    @Override
    public void close() {
      current.remove();
    }
  }
}

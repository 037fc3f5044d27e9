package ferry.cloudtrail;

import ferry.authz.AccessRequest;
import ferry.authz.ActingService;
import ferry.authz.DecisionListener;
import ferry.authz.ResponseElements;
import ferry.authz.Verdict;
import ferry.aws.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Records every call as CloudTrail events. An HTTP request is one call: {@link #open} starts its
 * record, the decisions made for its caller name its primary access and decision id, and {@link
 * Call#record} writes it, with the outcome, before the answer is committed. A decision made for
 * another caller (S3 calling KMS for the same client) or on a thread serving no request (the
 * pipeline engine) is a call of its own, recorded from the decision; the engine's calls carry the
 * {@link ActingService} as invokedBy.
 *
 * <p>A call is recorded as a {@link JournalEntry} appended to the {@link EventJournal}: the request
 * thread only notes what it knows; the events' JSON, resources and allowed accesses are built by
 * the journal's writer.
 */
public final class EventRecorder implements DecisionListener {
  private final ThreadLocal<@Nullable Call> current = new ThreadLocal<>();
  // An in-process AssumeRole allowed on this thread, waiting for its answer (responseElements).
  private final ThreadLocal<@Nullable Deferred> deferred = new ThreadLocal<>();
  private final EventJournal journal;
  private final Clock clock;
  private final boolean enabled;

  public EventRecorder(EventJournal journal, Clock clock, boolean enabled) {
    this.journal = journal;
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
    var entry =
        new JournalEntry(
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
                null),
            verdict.allowed() ? List.of(request) : List.of());
    boolean sameSession = caller.equals(pendingCaller()) && service.equals("sts");
    if (!sameSession) {
      flushDeferred();
    }
    if (verdict.allowed() && request.action().equals("sts:AssumeRole")) {
      // Recorded once STS answers, with the session it made (see answered).
      flushDeferred();
      deferred.set(new Deferred(caller, request, entry));
      return;
    }
    inProcess(call, entry);
  }

  @Override
  public void answered(
      Caller caller, AccessRequest request, @Nullable Map<String, Object> responseElements) {
    Deferred waiting = deferred.get();
    if (waiting == null || waiting.request() != request) {
      return;
    }
    deferred.remove();
    JournalEntry entry = waiting.entry();
    if (responseElements != null) {
      ApiCall made = entry.call();
      entry =
          new JournalEntry(
              new ApiCall(
                  made.time(),
                  made.caller(),
                  made.invokedBy(),
                  made.eventSource(),
                  made.eventName(),
                  made.userAgent(),
                  made.requestId(),
                  made.errorCode(),
                  made.errorMessage(),
                  made.primary(),
                  made.decisionId(),
                  responseElements),
              entry.allowed());
    }
    inProcess(current.get(), entry);
  }

  /** An in-process call's entry: part of the request it was made for, if any, or on its own. */
  private void inProcess(@Nullable Call call, JournalEntry entry) {
    if (call != null && !call.recorded) {
      call.nested.add(entry);
    } else {
      journal.append(List.of(entry));
    }
  }

  private @Nullable Caller pendingCaller() {
    Deferred waiting = deferred.get();
    return waiting == null ? null : waiting.caller();
  }

  /** Records a deferred AssumeRole whose answer never came, as its decision had it. */
  private void flushDeferred() {
    Deferred waiting = deferred.get();
    if (waiting != null) {
      deferred.remove();
      inProcess(current.get(), waiting.entry());
    }
  }

  /** An allowed in-process AssumeRole, until STS answers it. */
  private record Deferred(Caller caller, AccessRequest request, JournalEntry entry) {}

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
    private final List<JournalEntry> nested = new ArrayList<>(2);
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
      flushDeferred();
      recorded = true;
      String name =
          eventName != null
              ? eventName
              : primary != null ? EventRecords.operationOf(primary.action()) : null;
      List<JournalEntry> all = nested;
      if (name != null) {
        all.add(
            new JournalEntry(
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
                    errorCode == null ? ResponseElements.take() : null),
                !primaryDenied && errorCode == null ? allowed : List.of()));
      }
      journal.append(all);
    }

    @Override
    public void close() {
      current.remove();
    }
  }
}

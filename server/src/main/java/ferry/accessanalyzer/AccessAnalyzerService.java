package ferry.accessanalyzer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.accessanalyzer.store.PolicyGenerationRepository;
import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.cloudtrail.ActionUse;
import ferry.cloudtrail.store.EventRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * IAM Access Analyzer's policy generation: the policy a user or role needs, from what Ferry's own
 * event history shows it was allowed to do. A job reads the history synchronously, so it has
 * succeeded by the time StartPolicyGeneration answers. A CloudTrailDetails' trails and access role
 * are checked for form and echoed; the events always come from the event history, which holds every
 * call any trail would deliver.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_StartPolicyGeneration.html">StartPolicyGeneration</a>
 */
public final class AccessAnalyzerService {
  /** How far back a generation reads without a start time: the event history's retention. */
  static final Duration DEFAULT_LOOKBACK = Duration.ofDays(90);

  private static final Pattern PRINCIPAL_ARN =
      Pattern.compile("arn:[^:]*:iam::[^:]*:(role|user)/.{1,576}");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:[^:]*:iam::[^:]*:role/.{1,576}");
  private static final Pattern TRAIL_ARN =
      Pattern.compile("arn:[^:]*:cloudtrail:[^:]*:[^:]*:trail/.{1,576}");
  private static final int MAX_RESULTS = 100;

  /** The CloudTrailDetails of a request: the trails as sent (JSON), the role, the time range. */
  public record CloudTrailDetails(
      String trails,
      List<String> trailArns,
      String accessRole,
      Instant startTime,
      @Nullable Instant endTime) {}

  /** A page of jobs, and the token for the next one if there is more. */
  public record Page(List<PolicyGeneration> jobs, @Nullable String nextToken) {}

  private final PolicyGenerationRepository jobs;
  private final EventRepository events;
  private final Authorizer authorizer;
  private final Clock clock;

  public AccessAnalyzerService(
      PolicyGenerationRepository jobs, EventRepository events, Authorizer authorizer, Clock clock) {
    this.jobs = jobs;
    this.events = events;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  public String startPolicyGeneration(
      Caller caller, String principalArn, @Nullable CloudTrailDetails cloudTrail) {
    if (!PRINCIPAL_ARN.matcher(principalArn).matches()) {
      throw AccessAnalyzerErrors.invalidField(
          "principalArn",
          "Invalid principalArn: " + principalArn + " is not an IAM role or user ARN");
    }
    AccountId account = caller.principal().account();
    require(caller, AccessRequest.of("access-analyzer:StartPolicyGeneration", "*", account));
    if (!principalArn.split(":", 6)[4].equals(account.value())) {
      throw AccessAnalyzerErrors.invalidField(
          "principalArn",
          "The principal " + principalArn + " is not in your account " + account.value());
    }
    Instant now = clock.instant();
    Instant start = now.minus(DEFAULT_LOOKBACK);
    Instant end = now;
    String trails = null;
    if (cloudTrail != null) {
      for (String trail : cloudTrail.trailArns()) {
        if (!TRAIL_ARN.matcher(trail).matches()) {
          throw AccessAnalyzerErrors.invalidField(
              "cloudTrailArn", "Invalid cloudTrailArn: " + trail + " is not a trail ARN");
        }
      }
      if (!ROLE_ARN.matcher(cloudTrail.accessRole()).matches()) {
        throw AccessAnalyzerErrors.invalidField(
            "accessRole", "Invalid accessRole: " + cloudTrail.accessRole() + " is not a role ARN");
      }
      start = cloudTrail.startTime();
      end = cloudTrail.endTime() != null ? cloudTrail.endTime() : now;
      if (end.isBefore(start)) {
        throw AccessAnalyzerErrors.invalidField(
            "endTime", "The endTime must be after the startTime");
      }
      // Access Analyzer reads the trail as this role, which the caller passes to it.
      require(
          caller,
          AccessRequest.of("iam:PassRole", cloudTrail.accessRole(), account)
              .withContext("iam:PassedToService", "access-analyzer.amazonaws.com"));
      trails = cloudTrail.trails();
    }
    List<PolicyGenerator.Use> uses =
        events.uses(account.value(), principalArn, start, end).stream()
            .map(AccessAnalyzerService::use)
            .toList();
    ObjectNode policy = PolicyGenerator.generate(uses);
    PolicyGeneration job =
        new PolicyGeneration(
            account.value(),
            UUID.randomUUID().toString(),
            principalArn,
            PolicyGeneration.Status.SUCCEEDED,
            now,
            clock.instant(),
            start,
            end,
            trails,
            policy == null ? null : policy.toString());
    jobs.insert(job);
    return job.jobId();
  }

  public PolicyGeneration getGeneratedPolicy(Caller caller, String jobId) {
    AccountId account = caller.principal().account();
    require(caller, AccessRequest.of("access-analyzer:GetGeneratedPolicy", "*", account));
    return jobs.find(account.value(), jobId)
        .orElseThrow(() -> AccessAnalyzerErrors.noSuchJob(jobId));
  }

  /**
   * Cancels a job that is still running. Every job here has ended by the time its id is known, so a
   * known job keeps its status, as AWS leaves a finished job.
   */
  public void cancelPolicyGeneration(Caller caller, String jobId) {
    AccountId account = caller.principal().account();
    require(caller, AccessRequest.of("access-analyzer:CancelPolicyGeneration", "*", account));
    jobs.find(account.value(), jobId).orElseThrow(() -> AccessAnalyzerErrors.noSuchJob(jobId));
  }

  public Page listPolicyGenerations(
      Caller caller,
      @Nullable String principalArn,
      @Nullable Integer maxResults,
      @Nullable String nextToken) {
    AccountId account = caller.principal().account();
    require(caller, AccessRequest.of("access-analyzer:ListPolicyGenerations", "*", account));
    if (principalArn != null && !PRINCIPAL_ARN.matcher(principalArn).matches()) {
      throw AccessAnalyzerErrors.invalidField(
          "principalArn",
          "Invalid principalArn: " + principalArn + " is not an IAM role or user ARN");
    }
    if (maxResults != null && maxResults < 1) {
      throw AccessAnalyzerErrors.invalidField("maxResults", "maxResults must be at least 1");
    }
    int limit = maxResults == null ? MAX_RESULTS : Math.min(maxResults, MAX_RESULTS);
    int offset = 0;
    if (nextToken != null) {
      try {
        offset = Integer.parseInt(nextToken);
      } catch (NumberFormatException e) {
        offset = -1;
      }
      if (offset < 0) {
        throw AccessAnalyzerErrors.invalidField("nextToken", "Invalid nextToken: " + nextToken);
      }
    }
    List<PolicyGeneration> page = jobs.list(account.value(), principalArn, offset, limit + 1);
    if (page.size() > limit) {
      return new Page(page.subList(0, limit), Integer.toString(offset + limit));
    }
    return new Page(page, null);
  }

  /**
   * The allowed accesses of a user or role (for all its sessions) since {@code since}, or over the
   * event history's retention when null, for {@code ferry policy unused}; no authorization, as for
   * Ferry's other loopback-only endpoints.
   */
  public List<PolicyGenerator.Use> usesOf(String principalArn, @Nullable Instant since) {
    String[] parts = principalArn.split(":", 6);
    if (parts.length < 6) {
      return List.of();
    }
    Instant now = clock.instant();
    Instant start = since != null ? since : now.minus(DEFAULT_LOOKBACK);
    return events.uses(parts[4], principalArn, start, now).stream()
        .map(AccessAnalyzerService::use)
        .toList();
  }

  private static PolicyGenerator.Use use(ActionUse use) {
    return new PolicyGenerator.Use(use.action(), use.resource(), use.invokedBy());
  }

  private void require(Caller caller, AccessRequest request) {
    Verdict verdict = authorizer.authorize(caller, request);
    if (!verdict.allowed()) {
      throw AccessAnalyzerErrors.accessDenied(verdict);
    }
  }
}

package ferry.console.overview;

import ferry.aws.Caller;
import ferry.console.ConsoleServices;
import ferry.console.web.ConsoleRequest;
import ferry.console.web.Denials;
import ferry.console.web.Outcome;
import ferry.console.web.Reply;
import ferry.console.web.Route;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The account overview: how many of each resource the signed-in principal may list. */
public final class OverviewPages {
  private final ConsoleServices services;
  private final Denials denials;

  public OverviewPages(ConsoleServices services, Denials denials) {
    this.services = services;
    this.denials = denials;
  }

  public List<Route> routes() {
    return List.of(Route.get("/", this::overview));
  }

  /** One resource kind: its name, the page that lists it (if there is one), and its count. */
  public record Count(String label, @Nullable String path, Outcome<Integer> count) {}

  public record Overview(String accountId, List<Count> counts) {}

  private Reply overview(ConsoleRequest request) {
    Caller caller = request.caller();
    var counts =
        List.of(
            new Count(
                "Buckets",
                "/s3",
                denials.attempt(() -> services.s3().buckets().listBuckets(caller).size())),
            new Count(
                "Roles",
                "/iam",
                denials.attempt(() -> services.iam().roles().listRoles(caller, null).size())),
            new Count(
                "Users",
                "/iam",
                denials.attempt(() -> services.iam().users().listUsers(caller, null).size())),
            new Count("KMS keys", "/kms", denials.attempt(() -> countKeys(caller))),
            new Count(
                "Pipelines",
                "/pipelines",
                denials.attempt(() -> services.codepipeline().listPipelines(caller).size())),
            new Count(
                "EventBridge rules",
                null,
                denials.attempt(() -> services.events().listRules(caller, null, null).size())));
    return Reply.page("overview.jte", new Overview(caller.account().value(), counts));
  }

  private int countKeys(Caller caller) {
    int count = 0;
    String marker = null;
    do {
      var page = services.kms().keys().listKeys(caller, 1000, marker);
      count += page.items().size();
      marker = page.nextMarker();
    } while (marker != null);
    return count;
  }
}

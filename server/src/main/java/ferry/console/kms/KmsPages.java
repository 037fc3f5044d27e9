package ferry.console.kms;

import ferry.aws.Caller;
import ferry.console.web.ConsoleRequest;
import ferry.console.web.Denials;
import ferry.console.web.Outcome;
import ferry.console.web.PrettyJson;
import ferry.console.web.Reply;
import ferry.console.web.Route;
import ferry.kms.Grant;
import ferry.kms.KeyMetadata;
import ferry.kms.KmsAlias;
import ferry.kms.KmsKey;
import ferry.kms.KmsService;
import java.util.ArrayList;
import java.util.List;

/**
 * KMS in the console: the keys and aliases of the account, and a key's metadata, key policy and
 * grants, each read through {@link KmsService} as the signed-in caller.
 */
public final class KmsPages {
  private final KmsService kms;
  private final Denials denials;

  public KmsPages(KmsService kms, Denials denials) {
    this.kms = kms;
    this.denials = denials;
  }

  public List<Route> routes() {
    return List.of(Route.get("/kms", this::index), Route.get("/kms/keys/{keyId}", this::key));
  }

  public record Index(Outcome<List<KmsKey>> keys, Outcome<List<KmsAlias>> aliases) {}

  public record KeyPage(
      KmsKey key,
      Outcome<List<KmsAlias>> aliases,
      Outcome<String> policy,
      Outcome<List<Grant>> grants) {}

  private Reply index(ConsoleRequest request) {
    Caller caller = request.caller();
    return Reply.page(
        "kms/index.jte",
        new Index(
            denials.attempt(() -> keys(caller)), denials.attempt(() -> aliases(caller, null))));
  }

  private Reply key(ConsoleRequest request) {
    Caller caller = request.caller();
    KeyMetadata metadata = kms.keys().describeKey(caller, request.parameter("keyId"));
    String keyId = metadata.key().arn();
    return Reply.page(
        "kms/key.jte",
        new KeyPage(
            metadata.key(),
            denials.attempt(() -> aliases(caller, keyId)),
            denials.attempt(
                () -> PrettyJson.of(kms.policies().getKeyPolicy(caller, keyId, "default"))),
            denials.attempt(() -> grants(caller, keyId))));
  }

  private List<KmsKey> keys(Caller caller) {
    List<KmsKey> all = new ArrayList<>();
    String marker = null;
    do {
      var page = kms.keys().listKeys(caller, 1000, marker);
      all.addAll(page.items());
      marker = page.nextMarker();
    } while (marker != null);
    return all;
  }

  private List<KmsAlias> aliases(Caller caller, @org.jspecify.annotations.Nullable String keyId) {
    List<KmsAlias> all = new ArrayList<>();
    String marker = null;
    do {
      var page = kms.aliases().listAliases(caller, keyId, 100, marker);
      all.addAll(page.items());
      marker = page.nextMarker();
    } while (marker != null);
    return all;
  }

  private List<Grant> grants(Caller caller, String keyId) {
    List<Grant> all = new ArrayList<>();
    String marker = null;
    do {
      var page = kms.grants().listGrants(caller, keyId, null, null, 100, marker);
      all.addAll(page.items());
      marker = page.nextMarker();
    } while (marker != null);
    return all;
  }
}

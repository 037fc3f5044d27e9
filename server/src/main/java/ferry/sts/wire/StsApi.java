package ferry.sts.wire;

import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryApi;
import ferry.protocol.query.QueryOperation;
import ferry.protocol.query.QueryParameters;
import ferry.sts.CallerIdentity;
import ferry.sts.StsService;
import java.util.Map;

/** STS's query-protocol binding. */
public final class StsApi extends QueryApi {
  private final StsService sts;
  private final Map<String, QueryOperation> operations;

  public StsApi(StsService sts) {
    super("sts", "2011-06-15");
    this.sts = sts;
    this.operations = Map.of("GetCallerIdentity", this::getCallerIdentity);
  }

  @Override
  protected Map<String, QueryOperation> operations() {
    return operations;
  }

  private Xml getCallerIdentity(QueryParameters parameters, ApiRequest request) {
    CallerIdentity identity = sts.getCallerIdentity(request.caller());
    return Xml.fragment()
        .element("UserId", identity.userId())
        .element("Account", identity.account())
        .element("Arn", identity.arn());
  }
}
